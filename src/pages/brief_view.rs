//! What a brief's block is made of, for the template: a title, a lead sentence, a small table
//! whose cells carry their column's name (for the phone's card layout), notes and a link to the
//! page with the detail.

use serde::Serialize;

use crate::load::config::Block;

/// One cell of a block's table, with its column's name for the phone's card layout.
#[derive(Serialize, Clone)]
pub(super) struct Cell {
    text: String,
    label: String,
    num: bool,
}

/// A column's name, and whether it holds numbers.
#[derive(Serialize, Clone)]
pub(super) struct Header {
    text: String,
    num: bool,
}

/// A block's table: a caption, the column names, then rows whose first cell names the row.
#[derive(Serialize, Default)]
pub(super) struct Table {
    caption: String,
    headers: Vec<Header>,
    pub(super) rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with these columns; `num` marks the columns of numbers (right-aligned).
    pub(super) fn new(caption: impl Into<String>, headers: &[(&str, bool)]) -> Self {
        Self {
            caption: caption.into(),
            headers: headers
                .iter()
                .map(|(h, n)| Header {
                    text: h.to_string(),
                    num: *n,
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row, one text per column.
    pub(super) fn row(&mut self, cells: Vec<String>) {
        let row = cells
            .into_iter()
            .zip(&self.headers)
            .map(|(text, header)| Cell {
                text,
                label: header.text.clone(),
                num: header.num,
            })
            .collect();
        self.rows.push(row);
    }
}

/// One block of a brief.
#[derive(Serialize, Default)]
pub(super) struct BlockView {
    /// The block's name in `site.toml`, also its anchor and CSS class.
    pub(super) id: &'static str,
    pub(super) title: String,
    /// What the figures mean, in one or two sentences.
    pub(super) lead: String,
    pub(super) table: Option<Table>,
    /// What is missing or estimated.
    pub(super) notes: Vec<String>,
    /// A link to the page with the detail: (text, href), a `{text, href}` in the template.
    #[serde(serialize_with = "link_value")]
    pub(super) more: Option<(String, String)>,
}

/// `(text, href)` as `{"text": …, "href": …}`, for templates.
fn link_value<S: serde::Serializer>(
    link: &Option<(String, String)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    match link {
        None => serializer.serialize_none(),
        Some((text, href)) => {
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry("text", text)?;
            map.serialize_entry("href", href)?;
            map.end()
        }
    }
}

impl BlockView {
    /// A block that has nothing to show, and says why.
    pub(super) fn empty(block: Block, why: impl Into<String>) -> Self {
        Self::new(block, why.into(), None)
    }

    /// A block with its lead sentence and, when there is something to list, its table.
    pub(super) fn new(block: Block, lead: String, table: Option<Table>) -> Self {
        Self {
            id: block.name(),
            title: block_title(block).to_string(),
            lead,
            table,
            ..Self::default()
        }
    }

    /// The same block with these notes under its table.
    pub(super) fn with_notes(mut self, notes: Vec<String>) -> Self {
        self.notes = notes;
        self
    }

    /// The same block with a link to the page with the detail: (text, href).
    pub(super) fn with_more(mut self, more: Option<(String, String)>) -> Self {
        self.more = more;
        self
    }
}

/// A block's heading.
fn block_title(block: Block) -> &'static str {
    match block {
        Block::TimeMix => "Where the time goes this quarter",
        Block::UpkeepCost => "The cost of upkeep per year",
        Block::Decisions => "Decisions open",
        Block::Delivery => "The delivery record",
        Block::Ask => "What we ask for",
        Block::CostByPeriod => "Cost by period",
        Block::CapexOpex => "Capitalized and expensed",
        Block::Amortization => "Amortization",
        Block::CostPerYear => "Cost per category per year",
        Block::LeftOut => "What the figures leave out",
        Block::Capacity => "Capacity left for new work",
        Block::Roadmap => "The roadmap against its targets",
        Block::Slips => "If upkeep keeps rising",
        Block::Debt => "The tech-debt ledger",
        Block::Freshness => "Dependency freshness",
        Block::UpkeepBySystem => "Upkeep by system",
        Block::TeamTargets => "Targets against actuals per team",
    }
}
