using System.Globalization;
using Atss.Cli.Stats;
using SkiaSharp;

namespace Atss.Cli.Drawing;

/// <summary>
/// Draws, for each COCO size bucket, the distribution of positives per box (share of the bucket's boxes with
/// n positives) with one bar series per strategy. Counts of 40 or more share the last bar.
/// </summary>
internal static class HistogramRenderer
{
    public const int Width = 1500;
    public const int Height = 560;

    /// <summary>Bars for 0..39 positives, then one for 40 or more.</summary>
    public const int MaxBins = 41;

    public static readonly SKColor Background = SKColors.White;

    private static readonly (SizeBucket Bucket, string Title)[] s_panels =
    [
        (SizeBucket.Small, "small: area < 32²"),
        (SizeBucket.Medium, "medium: 32² ≤ area < 96²"),
        (SizeBucket.Large, "large: area ≥ 96²"),
    ];

    private static readonly SKColor s_axis = new(0x40, 0x40, 0x40);
    private static readonly SKColor s_grid = new(0xDD, 0xDD, 0xDD);

    /// <param name="series">Each strategy's name and statistics.</param>
    /// <param name="source">The annotation file, for the title.</param>
    public static SKImage Render(IReadOnlyList<(string Name, AssignmentStatistics Statistics)> series, string source)
    {
        using SKSurface surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp cannot create the histogram canvas.");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(Background);
        using SKFont title = Fonts.Create(20);
        using SKFont label = Fonts.Create(13);
        using var ink = new SKPaint { Color = s_axis, IsAntialias = true };
        canvas.DrawText($"Positives per box, by COCO size ({source})", 20, 32, SKTextAlign.Left, title, ink);

        // Legend: one swatch per strategy, with its number of boxes.
        float x = 20;
        using var swatch = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        for (int s = 0; s < series.Count; s++)
        {
            swatch.Color = Palette.Series(s);
            canvas.DrawRect(SKRect.Create(x, 46, 14, 14), swatch);
            string text = string.Create(CultureInfo.InvariantCulture, $"{series[s].Name} ({series[s].Statistics.All.Boxes:N0} boxes, mean {series[s].Statistics.All.MeanPositives:F2})");
            canvas.DrawText(text, x + 20, 58, SKTextAlign.Left, label, ink);
            x += 20 + label.MeasureText(text) + 30;
        }

        float panelWidth = (Width - 40) / (float)s_panels.Length;
        for (int p = 0; p < s_panels.Length; p++)
        {
            var area = SKRect.Create(20 + (p * panelWidth), 80, panelWidth, Height - 80);
            DrawPanel(canvas, area, s_panels[p].Title, series, s_panels[p].Bucket, label);
        }

        return surface.Snapshot();
    }

    private static void DrawPanel(SKCanvas canvas, SKRect area, string title, IReadOnlyList<(string Name, AssignmentStatistics Statistics)> series, SizeBucket bucket, SKFont font)
    {
        using var ink = new SKPaint { Color = s_axis, IsAntialias = true };
        using var line = new SKPaint { Color = s_axis, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var grid = new SKPaint { Color = s_grid, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var bar = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        canvas.DrawText(title, area.MidX, area.Top + 14, SKTextAlign.Center, font, ink);
        var plot = new SKRect(area.Left + 55, area.Top + 30, area.Right - 15, area.Bottom - 50);

        // Shares per bin for every series, and the scale they need.
        int bins = 1;
        foreach ((_, AssignmentStatistics s) in series)
        {
            bins = Math.Max(bins, Math.Min(s.Bucket(bucket).Histogram.Length, MaxBins));
        }

        var shares = new double[series.Count, bins];
        double top = 0;
        long boxes = 0;
        for (int s = 0; s < series.Count; s++)
        {
            BucketTally tally = series[s].Statistics.Bucket(bucket);
            boxes = Math.Max(boxes, tally.Boxes);
            ReadOnlySpan<long> histogram = tally.Histogram;
            for (int n = 0; n < histogram.Length; n++)
            {
                int bin = Math.Min(n, bins - 1);
                shares[s, bin] += tally.Boxes == 0 ? 0 : histogram[n] * 100.0 / tally.Boxes;
            }

            for (int b = 0; b < bins; b++)
            {
                top = Math.Max(top, shares[s, b]);
            }
        }

        if (boxes == 0)
        {
            canvas.DrawText("no boxes", plot.MidX, plot.MidY, SKTextAlign.Center, font, ink);
            return;
        }

        // Y axis: percentage gridlines at a round step.
        double step = top <= 10 ? 2 : top <= 25 ? 5 : top <= 50 ? 10 : 20;
        double yMax = Math.Max(step, Math.Ceiling(top / step) * step);
        float Y(double share) => (float)(plot.Bottom - (share / yMax * plot.Height));
        for (double v = 0; v <= yMax + 1e-9; v += step)
        {
            float y = Y(v);
            canvas.DrawLine(plot.Left, y, plot.Right, y, grid);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{v:0}%"), plot.Left - 6, y + 4, SKTextAlign.Right, font, ink);
        }

        // Bars: one group per number of positives, one bar per series.
        float group = plot.Width / bins;
        float barWidth = group * 0.8f / series.Count;
        for (int b = 0; b < bins; b++)
        {
            for (int s = 0; s < series.Count; s++)
            {
                bar.Color = Palette.Series(s);
                float left = plot.Left + (b * group) + (group * 0.1f) + (s * barWidth);
                canvas.DrawRect(new SKRect(left, Y(shares[s, b]), left + barWidth, plot.Bottom), bar);
            }
        }

        int every = bins <= 20 ? 1 : bins <= 40 ? 2 : 5;
        for (int b = 0; b < bins; b += every)
        {
            string text = b == MaxBins - 1 ? $"{b}+" : b.ToString(CultureInfo.InvariantCulture);
            canvas.DrawText(text, plot.Left + ((b + 0.5f) * group), plot.Bottom + 16, SKTextAlign.Center, font, ink);
        }

        canvas.DrawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, line);
        canvas.DrawLine(plot.Left, plot.Top, plot.Left, plot.Bottom, line);
        canvas.DrawText("positives per box (share of the size's boxes)", plot.MidX, plot.Bottom + 36, SKTextAlign.Center, font, ink);
    }
}
