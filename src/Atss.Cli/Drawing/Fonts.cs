using SkiaSharp;

namespace Atss.Cli.Drawing;

/// <summary>
/// The typeface every drawing uses: DejaVu Sans, embedded in the tool (licence in Fonts/LICENSE-DejaVu.txt). SkiaSharp's
/// NoDependencies native library has no system fonts, so its default typeface draws no glyphs.
/// </summary>
internal static class Fonts
{
    public const string ResourceName = "Atss.Cli.Fonts.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> s_regular = new(Load);

    public static SKTypeface Regular => s_regular.Value;

    /// <summary>A font of the embedded typeface at <paramref name="size"/> pixels.</summary>
    public static SKFont Create(float size) => new(Regular, size, 1f, 0f) { Edging = SKFontEdging.Antialias, Subpixel = true };

    private static SKTypeface Load()
    {
        using Stream stream = typeof(Fonts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The font resource {ResourceName} is missing from the build.");

        // The typeface keeps its own reference to the font data.
        using SKData data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font resource {ResourceName} cannot be loaded.");
    }
}
