using Atss.Cli.CommandLine;
using SkiaSharp;

namespace Atss.Cli.Drawing;

/// <summary>Encodes a drawing as PNG and writes it.</summary>
internal static class PngOutput
{
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public static void Write(SKImage image, string path)
    {
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the drawing as PNG.");
        try
        {
            using FileStream file = File.Create(path);
            data.SaveTo(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new OutputException($"{path}: cannot write the PNG: {e.Message}", e);
        }
    }
}
