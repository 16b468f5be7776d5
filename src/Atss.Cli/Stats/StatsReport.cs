using System.Numerics;
using Atss.Cli.Coco;
using Atss.Cli.Recipe;

namespace Atss.Cli.Stats;

/// <summary>Writes the <c>atss stats</c> report: inputs, positives per box by size, positives per level, timing.</summary>
internal static class StatsReport
{
    public static void Write(TextWriter output, CocoDataset dataset, TrainingRecipe recipe, AssignmentStatistics s, Timing timing)
    {
        output.WriteLine("ATSS target assignment statistics");
        output.WriteLine($"  annotations  {dataset.Source}");
        if (dataset.Source == CocoAnnotations.EmbeddedDisplayName)
        {
            output.WriteLine("               COCO 2014 val subset (CC BY 4.0, COCO Consortium; subset by Padilla et al. 2021), see NOTICE");
        }

        output.WriteLine($"  assigner     {recipe.AssignerDescription}");
        output.WriteLine($"  pipeline     {recipe.PipelineDescription}");
        output.WriteLine();

        var totals = new TablePrinter("", ">", "");
        totals.AddRow("images", TablePrinter.Number(s.Images), $"{TablePrinter.Number(s.ImagesWithoutBoxes)} without target boxes; {TablePrinter.Number(recipe.PriorSetCount)} padded sizes (one prior set each)");
        totals.AddRow("boxes", TablePrinter.Number(s.Boxes), $"targets; also {TablePrinter.Number(s.IgnoreRegions)} crowd ignore regions, {TablePrinter.Number(s.DroppedAnnotations)} annotations dropped by the pipeline");
        totals.AddRow("priors", TablePrinter.Number(s.Priors), $"{TablePrinter.Number(Ratio(s.Priors, s.Images), 0)} per image");
        totals.AddRow("positives", TablePrinter.Number(s.Positives), $"{TablePrinter.Number(Ratio(s.Positives, s.Images), 1)} per image; {TablePrinter.Percent(Ratio(s.Positives, s.Priors))} of priors");
        totals.Write(output, header: false);
        output.WriteLine();

        output.WriteLine("Positives per box, by COCO size (annotation area in the original image)");
        var sizes = new TablePrinter("size", "area", ">boxes", ">mean", ">min", ">max", ">no positive", ">mean IoU threshold");
        AddBucket(sizes, "small", "< 32^2", s.Bucket(SizeBucket.Small));
        AddBucket(sizes, "medium", "32^2 .. 96^2", s.Bucket(SizeBucket.Medium));
        AddBucket(sizes, "large", ">= 96^2", s.Bucket(SizeBucket.Large));
        AddBucket(sizes, "all", "", s.All);
        sizes.Write(output);
        output.WriteLine();

        output.WriteLine("Positives by FPN level");
        var levels = new TablePrinter("level", ">stride", ">priors per image", ">positives", ">share", ">per box");
        ReadOnlySpan<int> strides = recipe.Generator.Strides;
        for (int l = 0; l < s.LevelCount; l++)
        {
            levels.AddRow(
                LevelName(strides[l]),
                TablePrinter.Number(strides[l]),
                TablePrinter.Number(Ratio(s.LevelPriors(l), s.Images), 0),
                TablePrinter.Number(s.LevelPositives(l)),
                TablePrinter.Percent(Ratio(s.LevelPositives(l), s.Positives)),
                TablePrinter.Number(Ratio(s.LevelPositives(l), s.Boxes), 2));
        }

        levels.Write(output);
        output.WriteLine();

        string passes = timing.Passes == 1 ? "1 timed pass" : $"{timing.Passes} timed passes";
        output.WriteLine($"Time: {TablePrinter.Number(timing.MillisecondsPerImage, 3)} ms per image ({passes} over {TablePrinter.Number(timing.Images)} images after 1 warm-up pass; span overload, one reused workspace; total {TablePrinter.Number(timing.Elapsed.TotalMilliseconds, 1)} ms)");
    }

    private static void AddBucket(TablePrinter table, string name, string area, BucketTally tally)
    {
        bool any = tally.Boxes > 0;
        table.AddRow(
            name,
            area,
            TablePrinter.Number(tally.Boxes),
            TablePrinter.Number(tally.MeanPositives, 2),
            any ? TablePrinter.Number(tally.MinPositives) : "-",
            any ? TablePrinter.Number(tally.MaxPositives) : "-",
            any ? $"{TablePrinter.Number(tally.WithoutPositives)} ({TablePrinter.Percent(Ratio(tally.WithoutPositives, tally.Boxes))})" : "-",
            TablePrinter.Number(tally.MeanThreshold, 3));
    }

    // FPN levels are named P<log2 stride> (stride 8 is P3).
    private static string LevelName(int stride)
        => BitOperations.IsPow2(stride) ? $"P{BitOperations.Log2((uint)stride)}" : $"stride {stride}";

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? double.NaN : numerator / (double)denominator;
}
