using System.Globalization;
using Atss.Cli.CommandLine;

namespace Atss.Cli.Recipe;

/// <summary>
/// The training resize target: the shorter side becomes <see cref="ShortSide"/> unless the longer side would then
/// exceed <see cref="LongSide"/> (MMDetection's <c>scale=(1333, 800)</c>, the paper's <c>(800, 1333)</c>), or no
/// resize at all (<see cref="None"/>: the original size, padded).
/// </summary>
/// <param name="ShortSide">Target shorter side in pixels; 0 for no resize.</param>
/// <param name="LongSide">Bound on the longer side in pixels.</param>
internal readonly record struct ResizeScale(int ShortSide, int LongSide)
{
    /// <summary>800 x 1333, the ATSS training scale.</summary>
    public static ResizeScale Default => new(800, 1333);

    /// <summary>Keep the original size (only pad).</summary>
    public static ResizeScale None => new(0, 0);

    public bool IsNone => ShortSide == 0;

    /// <summary>Parses <c>SHORT,LONG</c> (either order: the smaller number is the shorter side) or <c>none</c>.</summary>
    /// <exception cref="UsageException">The text is neither.</exception>
    public static ResizeScale Parse(string text)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        string[] parts = text.Split(',', 'x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int a)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int b)
            && a is >= 1 and <= 16384 && b is >= 1 and <= 16384)
        {
            return new ResizeScale(Math.Min(a, b), Math.Max(a, b));
        }

        throw new UsageException($"option --resize is '{text}'; expected SHORT,LONG in pixels from 1 to 16384 (for example 800,1333) or none.");
    }

    public override string ToString() => IsNone ? "none" : $"{ShortSide},{LongSide}";
}
