namespace Atss.Cli.Stats;

/// <summary>COCO's object size classes, by annotation area in original-image pixels.</summary>
internal enum SizeBucket
{
    /// <summary>area &lt; 32^2.</summary>
    Small,

    /// <summary>32^2 &lt;= area &lt; 96^2.</summary>
    Medium,

    /// <summary>area &gt;= 96^2.</summary>
    Large,
}

internal static class SizeBuckets
{
    public const double SmallLimit = 32 * 32;
    public const double MediumLimit = 96 * 96;

    public static SizeBucket Of(double area) => area < SmallLimit ? SizeBucket.Small : area < MediumLimit ? SizeBucket.Medium : SizeBucket.Large;
}
