using System.Globalization;
using Atss.Cli.CommandLine;
using Atss.Cli.Coco;
using Atss.Cli.Drawing;
using Atss.Cli.Recipe;
using Atss.Cli.Stats;
using Atss.Cli.Strategies;
using SkiaSharp;

namespace Atss.Cli.Commands;

/// <summary>
/// <c>atss draw</c>: one image's boxes and assigned priors (on the real image or a blank canvas of its size), or with
/// <c>--histogram</c> the positives-per-box histograms of every strategy over the whole file.
/// </summary>
internal static class DrawCommand
{
    public static int Run(DrawSettings settings, CommandContext context)
    {
        if (settings.Help)
        {
            context.Stdout.WriteLine(DrawSettings.Usage);
            return ExitCodes.Success;
        }

        AssignmentColumn[] columns = settings.Assignment.CreateColumns();
        return settings.Histogram ? DrawHistogram(settings, columns, context) : DrawImage(settings, columns[0], context);
    }

    private static int DrawImage(DrawSettings settings, AssignmentColumn column, CommandContext context)
    {
        string output = settings.OutputPath!;
        long id = settings.ImageId!.Value;
        var progress = new ProgressBar(context.Stderr);
        CocoDataset dataset;
        try
        {
            dataset = DatasetInput.Load(settings.Assignment, progress, settings.Progress, context, out _);
        }
        finally
        {
            progress.Finish();
        }

        int index = dataset.IndexOfImage(id);
        if (index < 0)
        {
            throw new InputException($"{dataset.Source}: no image has id {id} ({DescribeIds(dataset)}).");
        }

        CocoImage image = dataset.Images[index];
        PreparedImage prepared = column.Recipe.Prepare(dataset, image);
        PriorSet priors = column.PriorsFor(prepared.Size, image.Id, dataset.Source);
        AssignmentResult result = column.Assigner.AssignTargets(priors, prepared.GtBoxes, prepared.GtLabels, prepared.IgnoreBoxes);
        var names = new string[prepared.GtBoxes.Length];
        for (int g = 0; g < names.Length; g++)
        {
            names[g] = dataset.CategoryName(dataset.CategoryIds[prepared.GtLabels[g]]);
        }

        using SKBitmap? background = settings.ImagesDirectory is string folder ? LoadImage(folder, image, dataset.Source) : null;
        var scene = new ImageScene(image.Id, image.Width, image.Height, prepared, priors, result, column.Name, column.Strides.ToArray(), names, background, column.Setup.HasIouThreshold, settings.PriorBoxes);
        using (SKImage drawing = ImageRenderer.Render(scene))
        {
            PngOutput.Write(drawing, output);
        }

        context.Stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {output} ({image.Width} x {image.Height}, {(background is null ? "blank canvas" : image.FileName)}): image {image.Id}, {column.Name}, {prepared.GtBoxes.Length} boxes, {result.PositiveCount} positive priors, {result.IgnoredCount} ignored"));
        return ExitCodes.Success;
    }

    private static int DrawHistogram(DrawSettings settings, AssignmentColumn[] columns, CommandContext context)
    {
        string output = settings.OutputPath!;
        var progress = new ProgressBar(context.Stderr);
        CocoDataset dataset;
        AssignmentStatistics[] statistics;
        try
        {
            dataset = DatasetInput.Load(settings.Assignment, progress, settings.Progress, context, out _);
            statistics = DatasetInput.Assign(dataset, columns, progress, settings.Progress, context);
        }
        finally
        {
            progress.Finish();
        }

        var series = new (string Name, AssignmentStatistics Statistics)[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            series[c] = (columns[c].Name, statistics[c]);
        }

        using (SKImage drawing = HistogramRenderer.Render(series, Path.GetFileName(dataset.Source)))
        {
            PngOutput.Write(drawing, output);
        }

        context.Stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {output} ({HistogramRenderer.Width} x {HistogramRenderer.Height}): positives per box by COCO size over {dataset.Images.Length:N0} images for {string.Join(", ", series.Select(s => s.Name))}"));
        return ExitCodes.Success;
    }

    private static SKBitmap LoadImage(string folder, in CocoImage image, string source)
    {
        if (image.FileName is not string fileName)
        {
            throw new InputException($"{source}: image {image.Id} has no file_name, so --images cannot locate its file.");
        }

        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: image file not found (image {image.Id}'s file_name in the --images folder).");
        }

        return SKBitmap.Decode(path) ?? throw new InputException($"{path}: cannot decode the image (expected JPEG, PNG, WebP, GIF or BMP).");
    }

    private static string DescribeIds(CocoDataset dataset)
    {
        ReadOnlySpan<CocoImage> images = dataset.Images;
        if (images.Length == 0)
        {
            return "the file has no images";
        }

        var first = new List<string>();
        for (int i = 0; i < Math.Min(5, images.Length); i++)
        {
            first.Add(images[i].Id.ToString(CultureInfo.InvariantCulture));
        }

        return string.Create(CultureInfo.InvariantCulture, $"the file has {images.Length:N0} images; the first ids are {string.Join(", ", first)}");
    }
}
