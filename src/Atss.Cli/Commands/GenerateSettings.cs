using Atss.Cli.CommandLine;

namespace Atss.Cli.Commands;

/// <summary>Options of <c>atss generate</c>.</summary>
internal sealed class GenerateSettings
{
    public const string Usage = """
        Usage: atss generate --images N --out FILE.json [--boxes-per-image M] [--seed S]

        Writes a synthetic COCO instances file in COCO's own layout (info, licenses, images, annotations with
        polygon or RLE segmentations, categories; annotations not grouped by image), streamed to disk, for
        testing that 'atss stats' reads large files in bounded memory. Boxes are random, COCO-like in size;
        about 2% are crowd boxes. The same seed gives the same file.

        Options:
          --images N            number of images (1 to 100,000,000)
          --out FILE            the JSON file to write
          --boxes-per-image M   mean annotations per image (0 to 100, default 3)
          --seed S              random seed (default 1)
          -h, --help            show this help

        Example:
          atss generate --images 100000 --out /tmp/big.json && atss stats --annotations /tmp/big.json
        """;

    public int Images { get; private set; }

    public string? OutputPath { get; private set; }

    public int BoxesPerImage { get; private set; } = 3;

    public int Seed { get; private set; } = 1;

    public bool Help { get; private set; }

    /// <exception cref="UsageException">An unknown option, a bad value, or a required option missing.</exception>
    public static GenerateSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new GenerateSettings();
        bool hasImages = false;
        var reader = new OptionReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "--images":
                    settings.Images = reader.IntValue(1, 100_000_000);
                    hasImages = true;
                    break;
                case "--out" or "-o":
                    settings.OutputPath = reader.Value();
                    break;
                case "--boxes-per-image":
                    settings.BoxesPerImage = reader.IntValue(0, 100);
                    break;
                case "--seed":
                    settings.Seed = reader.IntValue(int.MinValue, int.MaxValue);
                    break;
                case "-h" or "--help":
                    settings.Help = true;
                    break;
                default:
                    throw new UsageException($"unknown option {reader.Name} for 'generate'.");
            }
        }

        if (!settings.Help && (!hasImages || settings.OutputPath is null))
        {
            throw new UsageException("'generate' needs --images N and --out FILE.json.");
        }

        return settings;
    }
}
