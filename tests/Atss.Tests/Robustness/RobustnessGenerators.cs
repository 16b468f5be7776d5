using CsCheck;

namespace Atss.Tests.Robustness;

/// <summary>CsCheck generators of scenes (shrinkable) for the property tests.</summary>
public static class RobustnessGenerators
{
    public const string Category = "Robustness";

    /// <summary>Boxes inside and around an image: integer-ish and float coordinates, zero sizes, duplicates by shrinking.</summary>
    public static Gen<Box> Box(float width, float height) =>
        Gen.Select(Gen.Float[-0.1f * width, 1.1f * width], Gen.Float[-0.1f * height, 1.1f * height], Gen.Float[0, 0.6f * width], Gen.Float[0, 0.6f * height])
            .Select((x, y, w, h) => new Atss.Box(x, y, x + w, y + h));

    public static Gen<Atss.Box[]> Boxes(float width, float height, int max) => Box(width, height).Array[0, max];

    /// <summary>Iterations of the heavier property tests; raise with ATSS_PROPERTY_ITERATIONS for longer runs.</summary>
    public static long Iterations(long normal) => long.TryParse(Environment.GetEnvironmentVariable("ATSS_PROPERTY_ITERATIONS"), out long n) ? n : normal;
}
