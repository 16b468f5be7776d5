using SkiaSharp;

namespace Atss.Cli.Drawing;

/// <summary>Text on a filled rectangle, readable on any background.</summary>
internal static class TextChip
{
    /// <summary>Draws <paramref name="text"/> with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>), kept inside the canvas.</summary>
    /// <returns>The chip's rectangle.</returns>
    public static SKRect Draw(SKCanvas canvas, SKSizeI canvasSize, string text, float x, float y, SKFont font, SKColor foreground, SKColor background)
    {
        float pad = font.Size * 0.25f;
        float width = font.MeasureText(text) + (2 * pad);
        SKFontMetrics metrics = font.Metrics;
        float height = metrics.Descent - metrics.Ascent + (2 * pad);
        x = Math.Clamp(x, 0, Math.Max(0, canvasSize.Width - width));
        y = Math.Clamp(y, 0, Math.Max(0, canvasSize.Height - height));
        var rect = SKRect.Create(x, y, width, height);
        using (var fill = new SKPaint { Color = background, IsAntialias = true, Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(rect, fill);
        }

        using var ink = new SKPaint { Color = foreground, IsAntialias = true };
        canvas.DrawText(text, x + pad, y + pad - metrics.Ascent, SKTextAlign.Left, font, ink);
        return rect;
    }
}
