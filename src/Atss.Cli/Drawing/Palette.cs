using SkiaSharp;

namespace Atss.Cli.Drawing;

/// <summary>Colours: one per FPN level (priors) and one per strategy (histogram series), distinct on photos and on white.</summary>
internal static class Palette
{
    private static readonly SKColor[] s_levels =
    [
        new(0xE6, 0x19, 0x4B), // P3 red
        new(0xF5, 0x82, 0x31), // P4 orange
        new(0x3C, 0xB4, 0x4B), // P5 green
        new(0x43, 0x63, 0xD8), // P6 blue
        new(0x91, 0x1E, 0xB4), // P7 purple
        new(0x42, 0xD4, 0xF4), // cyan
        new(0xF0, 0x32, 0xE6), // magenta
    ];

    private static readonly SKColor[] s_series =
    [
        new(0x43, 0x63, 0xD8),
        new(0xE6, 0x19, 0x4B),
        new(0x3C, 0xB4, 0x4B),
        new(0xF5, 0x82, 0x31),
        new(0x91, 0x1E, 0xB4),
        new(0x80, 0x80, 0x00),
    ];

    /// <summary>The colour of FPN level <paramref name="level"/> (0 is the finest level).</summary>
    public static SKColor Level(int level) => s_levels[level % s_levels.Length];

    /// <summary>The colour of the <paramref name="index"/>-th strategy.</summary>
    public static SKColor Series(int index) => s_series[index % s_series.Length];
}
