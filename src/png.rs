//! Writing pixels as PNG files: the live window's RGBA snapshot (Shell1's `SaveScreenshot`) and
//! the headless renderer's RGB frames.

use std::io::BufWriter;
use std::path::Path;

use anyhow::Context;

/// Writes a captured window (RGBA) to `path`.
pub fn write_rgba(
    path: impl AsRef<Path>,
    buffer: &slint::SharedPixelBuffer<slint::Rgba8Pixel>,
) -> anyhow::Result<()> {
    write(
        path.as_ref(),
        buffer.width(),
        buffer.height(),
        png::ColorType::Rgba,
        buffer.as_bytes(),
    )
}

/// Writes RGB pixels, row by row, to `path`.
pub fn write_rgb(
    path: impl AsRef<Path>,
    width: u32,
    height: u32,
    pixels: &[slint::Rgb8Pixel],
) -> anyhow::Result<()> {
    let bytes: Vec<u8> = pixels.iter().flat_map(|p| [p.r, p.g, p.b]).collect();
    write(path.as_ref(), width, height, png::ColorType::Rgb, &bytes)
}

fn write(
    path: &Path,
    width: u32,
    height: u32,
    color: png::ColorType,
    bytes: &[u8],
) -> anyhow::Result<()> {
    let context = || format!("cannot write {}", path.display());
    let file = std::fs::File::create(path).with_context(context)?;
    let mut encoder = png::Encoder::new(BufWriter::new(file), width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().with_context(context)?;
    writer.write_image_data(bytes).with_context(context)?;
    writer.finish().with_context(context)?;
    Ok(())
}
