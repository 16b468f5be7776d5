using System.Globalization;
using SkiaSharp;

namespace Atss.Cli.Drawing;

/// <summary>
/// Draws one image's assignment at the original image's size: crowd regions dashed, positive priors as centre dots
/// (and optionally their boxes) coloured by FPN level, ignored priors as grey crosses, each target box outlined and labelled with its
/// category, IoU threshold (for strategies that have one) and number of positives, and a legend with the positives per level.
/// </summary>
internal static class ImageRenderer
{
    /// <summary>The blank canvas colour used when no image file is given.</summary>
    public static readonly SKColor BlankBackground = new(0xEC, 0xEC, 0xEC);

    private static readonly SKColor s_chip = new(0x10, 0x10, 0x10, 0xC8);
    private static readonly SKColor s_ignored = new(0x70, 0x70, 0x70, 0xD0);

    public static SKImage Render(ImageScene scene)
    {
        var info = new SKImageInfo(scene.Width, scene.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"SkiaSharp cannot create a {scene.Width} x {scene.Height} canvas.");
        SKCanvas canvas = surface.Canvas;
        if (scene.Background is { } background)
        {
            canvas.Clear(SKColors.Black);
            canvas.DrawBitmap(background, SKRect.Create(0, 0, scene.Width, scene.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), null);
        }
        else
        {
            canvas.Clear(BlankBackground);
        }

        // Assignment ran in resized pixels; draw in original pixels.
        float sx = (float)(1 / scene.Prepared.Size.ScaleX);
        float sy = (float)(1 / scene.Prepared.Size.ScaleY);
        SKRect ToImage(Box b) => new(b.X1 * sx, b.Y1 * sy, b.X2 * sx, b.Y2 * sy);
        float unit = Math.Max(1f, Math.Min(scene.Width, scene.Height) / 320f);
        var size = new SKSizeI(scene.Width, scene.Height);

        DrawIgnoreRegions(canvas, scene, ToImage, unit);
        DrawIgnoredPriors(canvas, scene, ToImage, unit);
        int[] perLevel = DrawPositives(canvas, scene, ToImage, unit);
        DrawBoxes(canvas, scene, ToImage, unit, size);
        DrawLegend(canvas, scene, perLevel, unit, size);
        return surface.Snapshot();
    }

    private static void DrawIgnoreRegions(SKCanvas canvas, ImageScene scene, Func<Box, SKRect> toImage, float unit)
    {
        using SKPathEffect dash = SKPathEffect.CreateDash([6 * unit, 4 * unit], 0);
        using var stroke = new SKPaint { Color = new SKColor(0x30, 0x30, 0x30), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f * unit, PathEffect = dash };
        using var fill = new SKPaint { Color = new SKColor(0x80, 0x80, 0x80, 0x40), Style = SKPaintStyle.Fill };
        foreach (Box region in scene.Prepared.IgnoreBoxes)
        {
            SKRect rect = toImage(region);
            canvas.DrawRect(rect, fill);
            canvas.DrawRect(rect, stroke);
        }
    }

    private static void DrawIgnoredPriors(SKCanvas canvas, ImageScene scene, Func<Box, SKRect> toImage, float unit)
    {
        if (scene.Result.IgnoredCount == 0)
        {
            return;
        }

        using var cross = new SKPaint { Color = s_ignored, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.8f * unit };
        float r = 1.6f * unit;
        ReadOnlySpan<Box> priors = scene.Priors.Boxes;
        int[] assigned = scene.Result.AssignedGt;
        for (int p = 0; p < assigned.Length; p++)
        {
            if (assigned[p] == AssignmentResult.Ignored)
            {
                SKRect rect = toImage(priors[p]);
                canvas.DrawLine(rect.MidX - r, rect.MidY - r, rect.MidX + r, rect.MidY + r, cross);
                canvas.DrawLine(rect.MidX - r, rect.MidY + r, rect.MidX + r, rect.MidY - r, cross);
            }
        }
    }

    private static int[] DrawPositives(SKCanvas canvas, ImageScene scene, Func<Box, SKRect> toImage, float unit)
    {
        var perLevel = new int[scene.Priors.LevelCount];
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = unit };
        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var rim = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.6f * unit };
        ReadOnlySpan<Box> priors = scene.Priors.Boxes;
        foreach (int p in scene.Result.PositiveIndices)
        {
            int level = scene.Priors.LevelOf(p);
            perLevel[level]++;
            SKColor colour = Palette.Level(level);
            SKRect rect = toImage(priors[p]);
            if (scene.PriorBoxes && (rect.Width > 0 || rect.Height > 0))
            {
                outline.Color = colour.WithAlpha(0xB0);
                canvas.DrawRect(rect, outline);
            }

            dot.Color = colour;
            canvas.DrawCircle(rect.MidX, rect.MidY, 2.4f * unit, dot);
            canvas.DrawCircle(rect.MidX, rect.MidY, 2.4f * unit, rim);
        }

        return perLevel;
    }

    private static void DrawBoxes(SKCanvas canvas, ImageScene scene, Func<Box, SKRect> toImage, float unit, SKSizeI size)
    {
        using var dark = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3.2f * unit };
        using var light = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.4f * unit };
        Box[] boxes = scene.Prepared.GtBoxes;
        foreach (Box box in boxes)
        {
            SKRect rect = toImage(box);
            canvas.DrawRect(rect, dark);
            canvas.DrawRect(rect, light);
        }

        using SKFont font = Fonts.Create(Math.Clamp(Math.Min(scene.Width, scene.Height) / 48f, 9f, 22f));
        float lineHeight = font.Metrics.Descent - font.Metrics.Ascent + (font.Size * 0.5f);
        for (int g = 0; g < boxes.Length; g++)
        {
            GtStatistics stats = scene.Result.GtStatistics[g];
            string threshold = !scene.HasIouThreshold ? ""
                : double.IsFinite(stats.Threshold) ? "  IoU thr " + stats.Threshold.ToString("0.000", CultureInfo.InvariantCulture)
                : $"  IoU thr none ({stats.CandidateCount} candidate{(stats.CandidateCount == 1 ? "" : "s")})";
            string text = string.Create(CultureInfo.InvariantCulture, $"{scene.BoxNames[g]}{threshold}  {stats.PositiveCount} pos");
            SKRect rect = toImage(boxes[g]);

            // Above the box when there is room, else inside its top edge.
            float y = rect.Top - lineHeight >= 0 ? rect.Top - lineHeight : rect.Top + unit;
            TextChip.Draw(canvas, size, text, rect.Left, y, font, SKColors.White, s_chip);
        }
    }

    private static void DrawLegend(SKCanvas canvas, ImageScene scene, int[] perLevel, float unit, SKSizeI size)
    {
        using SKFont font = Fonts.Create(Math.Clamp(Math.Min(scene.Width, scene.Height) / 40f, 9f, 24f));
        var lines = new List<(string Text, SKColor? Swatch)>
        {
            (string.Create(CultureInfo.InvariantCulture, $"image {scene.ImageId}  {scene.StrategyName}: {scene.Result.PositiveCount} positives, {scene.Prepared.GtBoxes.Length} boxes"), null),
        };
        for (int l = 0; l < perLevel.Length; l++)
        {
            int stride = l < scene.Strides.Length ? scene.Strides[l] : 0;
            lines.Add((string.Create(CultureInfo.InvariantCulture, $"{Stats.LevelNames.Of(stride)} (stride {stride}): {perLevel[l]} positives"), Palette.Level(l)));
        }

        if (scene.Result.IgnoredCount > 0)
        {
            lines.Add((string.Create(CultureInfo.InvariantCulture, $"x  {scene.Result.IgnoredCount} priors ignored"), null));
        }

        SKFontMetrics metrics = font.Metrics;
        float lineHeight = metrics.Descent - metrics.Ascent + (font.Size * 0.3f);
        float pad = font.Size * 0.5f;
        float swatch = font.Size * 0.8f;
        float width = 0;
        foreach ((string text, SKColor? colour) in lines)
        {
            width = Math.Max(width, font.MeasureText(text) + (colour is null ? 0 : swatch + pad));
        }

        float height = (lines.Count * lineHeight) + (2 * pad);
        float x = unit * 4;
        float y = Math.Max(0, size.Height - height - (unit * 4));
        using (var panel = new SKPaint { Color = s_chip, Style = SKPaintStyle.Fill, IsAntialias = true })
        {
            canvas.DrawRoundRect(SKRect.Create(x, y, width + (2 * pad), height), pad, pad, panel);
        }

        using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        float baseline = y + pad - metrics.Ascent;
        foreach ((string text, SKColor? colour) in lines)
        {
            float textX = x + pad;
            if (colour is SKColor c)
            {
                fill.Color = c;
                canvas.DrawRect(SKRect.Create(textX, baseline - swatch, swatch, swatch), fill);
                textX += swatch + pad;
            }

            canvas.DrawText(text, textX, baseline, SKTextAlign.Left, font, ink);
            baseline += lineHeight;
        }
    }
}
