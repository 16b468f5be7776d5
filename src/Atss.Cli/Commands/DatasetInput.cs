using System.Diagnostics;
using System.Globalization;
using Atss.Cli.CommandLine;
using Atss.Cli.Coco;
using Atss.Cli.Stats;
using Atss.Cli.Strategies;

namespace Atss.Cli.Commands;

/// <summary>Reading the annotation file and assigning every image, with the progress bar when it is wanted.</summary>
internal static class DatasetInput
{
    /// <summary>Files at least this large show progress while read, even when stderr is not a terminal.</summary>
    public const long LargeFileBytes = 16L << 20;

    /// <summary>Datasets with at least this many images show progress while assigned.</summary>
    public const int ManyImages = 10_000;

    /// <summary>Reads the annotations named by the options (the embedded sample when none), timing the read.</summary>
    /// <exception cref="CocoFormatException">The file cannot be read or is malformed.</exception>
    public static CocoDataset Load(AssignmentOptions options, ProgressBar progress, bool? progressSetting, CommandContext context, out TimeSpan readTime)
    {
        long start = Stopwatch.GetTimestamp();
        CocoDataset dataset;
        if (options.AnnotationsPath is not string path)
        {
            dataset = CocoReader.LoadEmbedded();
        }
        else
        {
            progress.Enabled = progressSetting ?? (context.StderrIsTerminal || SizeOf(path) >= LargeFileBytes);
            dataset = CocoReader.Load(path, (read, total) => progress.Report(
                "reading",
                total == 0 ? 1 : read / (double)total,
                string.Create(CultureInfo.InvariantCulture, $"{read / 1e6:F1}/{total / 1e6:F1} MB"),
                force: read >= total));
        }

        readTime = Stopwatch.GetElapsedTime(start);
        return dataset;
    }

    /// <summary>Assigns every image with every strategy (see <see cref="StatsRunner"/>).</summary>
    public static AssignmentStatistics[] Assign(CocoDataset dataset, IReadOnlyList<AssignmentColumn> columns, ProgressBar progress, bool? progressSetting, CommandContext context)
    {
        bool enabled = progressSetting ?? (context.StderrIsTerminal || dataset.Images.Length >= ManyImages);
        if (!enabled)
        {
            progress.Finish();
        }

        progress.Enabled = enabled;
        AssignmentStatistics[] statistics = StatsRunner.Run(dataset, columns, (done, total) => progress.Report(
            "assigning",
            done / (double)total,
            string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0} images"),
            force: done == total));
        progress.Finish();
        return statistics;
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The reader reports the real problem when it opens the file.
            return 0;
        }
    }
}
