//! The fonts the binary ships, and the fallback chain that makes them draw every glyph they have
//! whatever fonts the machine has (or none at all). Every Slint front end calls [`install`]
//! before it creates its first window; docs/ARCHITECTURE.md ("Fonts") says how a glyph's font is
//! chosen.

use std::cell::Cell;
use std::sync::Arc;

use slint::fontique_011::fontique::{Blob, FamilyId, GenericFamily};

/// Inter for Latin text (the UI's `default-font-family`), Noto Sans CJK SC for Chinese: the
/// regular face covers every CJK Unified Ideograph and the kana, the bold one GB 2312
/// (tools/subset-cjk-font.py).
const FONTS: [&[u8]; 5] = [
    include_bytes!("../assets/fonts/Inter-Regular.otf"),
    include_bytes!("../assets/fonts/Inter-SemiBold.otf"),
    include_bytes!("../assets/fonts/Inter-Bold.otf"),
    include_bytes!("../assets/fonts/NotoSansCJKsc-Regular-Wide.otf"),
    include_bytes!("../assets/fonts/NotoSansCJKsc-Bold-GB2312.otf"),
];

/// One hollow box for every visible character (tools/make-last-resort-font.py), last in the
/// chain: Slint's renderers skip a font's `.notdef` glyph, so without it a character that no font
/// has would be drawn as nothing.
const LAST_RESORT: &[u8] = include_bytes!("../assets/fonts/OpenCabinLastResort.ttf");

/// The generic families Slint's text layout puts after the requested family
/// (`sharedfontique::FALLBACK_FAMILIES`, plus the one fontique adds for UI text).
const FALLBACK_GENERICS: [GenericFamily; 3] = [
    GenericFamily::SansSerif,
    GenericFamily::SystemUi,
    GenericFamily::UiSansSerif,
];

thread_local! {
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Registers the bundled fonts with Slint's font collection and makes each fallback family
/// read: Inter, Noto Sans CJK SC, the system's fonts for that family, the system's emoji fonts,
/// the last-resort box. A glyph is thus drawn by the bundled fonts whenever they have it, by a
/// system font only when they do not, and as a box when no font has it. Creates Slint's
/// platform if none is set yet, so a headless platform must be set first. Later calls on the
/// same thread do nothing.
pub fn install() {
    if INSTALLED.replace(true) {
        return;
    }
    let mut collection = slint::fontique_011::shared_collection();
    let mut register = |fonts: &[&'static [u8]]| {
        let mut families: Vec<FamilyId> = Vec::new();
        for data in fonts {
            for (family, _) in collection.register_fonts(Blob::new(Arc::new(*data)), None) {
                if !families.contains(&family) {
                    families.push(family);
                }
            }
        }
        families
    };
    let bundled = register(&FONTS);
    let last_resort = register(&[LAST_RESORT]);
    let system_emoji: Vec<FamilyId> = collection.generic_families(GenericFamily::Emoji).collect();
    for generic in FALLBACK_GENERICS {
        let mut chain = bundled.clone();
        let system = collection.generic_families(generic);
        for family in system
            .chain(system_emoji.iter().copied())
            .chain(last_resort.iter().copied())
        {
            if !chain.contains(&family) {
                chain.push(family);
            }
        }
        collection.set_generic_families(generic, chain.into_iter());
    }
    tracing::debug!(bundled = bundled.len(), "fonts installed");
}
