using System.Globalization;
using Atss.Cli.CommandLine;
using Atss.Cli.Coco;

namespace Atss.Cli.Commands;

/// <summary><c>atss generate</c>: writes a synthetic COCO file with <see cref="SyntheticCoco"/>.</summary>
internal static class GenerateCommand
{
    public static int Run(GenerateSettings settings, CommandContext context)
    {
        if (settings.Help)
        {
            context.Stdout.WriteLine(GenerateSettings.Usage);
            return ExitCodes.Success;
        }

        string path = settings.OutputPath!;
        SyntheticCoco.Summary summary;
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            summary = SyntheticCoco.Write(file, settings.Images, settings.BoxesPerImage, settings.Seed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new OutputException($"{path}: cannot write the file: {e.Message}", e);
        }

        context.Stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {path}: {summary.Images:N0} images, {summary.Annotations:N0} annotations ({summary.CrowdAnnotations:N0} crowd), {summary.Bytes / 1e6:F1} MB"));
        return ExitCodes.Success;
    }
}
