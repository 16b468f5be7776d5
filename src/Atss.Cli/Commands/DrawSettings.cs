using Atss.Cli.CommandLine;

namespace Atss.Cli.Commands;

/// <summary>Options of <c>atss draw</c>.</summary>
internal sealed class DrawSettings
{
    public const string Usage = $"""
        Usage: atss draw --image-id ID --out FILE.png [options]
               atss draw --histogram --out FILE.png [options]

        The first form draws one image's boxes and the priors assigned to each box: positive priors as centre
        dots (with --prior-boxes also their anchor boxes) coloured by FPN level; each box labelled with its
        category, its IoU threshold (atss, retinanet) and its number of positives; ignored priors (crowd regions,
        max-IoU's band between its thresholds) as grey crosses. It draws on the real image when --images gives
        the image folder (the file named by the image's file_name), else on a blank canvas of the image's size.
        The second form assigns every image and draws, per COCO size bucket, the histogram of positives per box
        for each strategy.

        Options:
          --image-id ID        the COCO id of the image to draw
          --out FILE           the PNG to write
          --images DIR         folder of the image files (for example val2017/)
          --prior-boxes        also outline each positive prior's anchor box
          --histogram          draw the positives-per-box histograms instead of one image
        {AssignmentOptions.Usage}
          --progress, --no-progress   as for stats (histogram only)
          -h, --help           show this help

        Examples:
          atss draw --image-id 1146 --out a.png
          atss draw --annotations instances_val2017.json --images val2017 --image-id 139 --out 139.png
          atss draw --histogram --strategy atss,atss:paper --out histogram.png
        """;

    private readonly ProgressAndHelpOptions _progressAndHelp = new();

    public AssignmentOptions Assignment { get; } = new();

    public long? ImageId { get; private set; }

    public string? OutputPath { get; private set; }

    public string? ImagesDirectory { get; private set; }

    public bool Histogram { get; private set; }

    public bool PriorBoxes { get; private set; }

    public bool? Progress => _progressAndHelp.Progress;

    public bool Help => _progressAndHelp.Help;

    /// <exception cref="UsageException">An unknown option, a bad value, or a required option missing.</exception>
    public static DrawSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new DrawSettings();
        var reader = new OptionReader(args);
        while (reader.MoveNext())
        {
            if (settings.Assignment.TryRead(reader) || settings._progressAndHelp.TryRead(reader))
            {
                continue;
            }

            switch (reader.Name)
            {
                case "--image-id":
                    settings.ImageId = reader.LongValue();
                    break;
                case "--out" or "-o":
                    settings.OutputPath = reader.Value();
                    break;
                case "--images":
                    settings.ImagesDirectory = reader.Value();
                    break;
                case "--histogram":
                    settings.Histogram = true;
                    break;
                case "--prior-boxes":
                    settings.PriorBoxes = true;
                    break;
                default:
                    throw new UsageException($"unknown option {reader.Name} for 'draw'.");
            }
        }

        if (settings.Help)
        {
            return settings;
        }

        if (settings.OutputPath is null)
        {
            throw new UsageException("'draw' needs --out FILE.png.");
        }

        if (settings.Histogram)
        {
            if (settings.ImageId is not null || settings.ImagesDirectory is not null)
            {
                throw new UsageException("'draw --histogram' covers every image; it takes no --image-id or --images.");
            }
        }
        else
        {
            if (settings.ImageId is null)
            {
                throw new UsageException("'draw' needs --image-id ID (or --histogram).");
            }

            if (settings.Assignment.StrategyCount > 1)
            {
                throw new UsageException("'draw --image-id' draws one strategy; give one --strategy (several work with --histogram).");
            }
        }

        return settings;
    }
}
