namespace Atss;

/// <summary>Generates the priors of every FPN level for an image size. Implementations are immutable and thread-safe.</summary>
public interface IPriorGenerator
{
    /// <summary>Stride of each level, in pixels.</summary>
    ReadOnlySpan<int> Strides { get; }

    /// <summary>Priors per grid location (A).</summary>
    int AnchorsPerLocation { get; }

    /// <summary>Generates priors for a padded image: level <c>l</c> gets a <c>ceil(H / s_l) x ceil(W / s_l)</c> grid.</summary>
    /// <param name="paddedHeight">Padded image height in pixels.</param>
    /// <param name="paddedWidth">Padded image width in pixels.</param>
    /// <returns>The priors with their grids.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">The image would need more priors than an array can hold, or coordinates beyond
    /// <see cref="PriorAssigner.MaxCoordinate"/>; the exception names <c>paddedHeight</c> and carries the per-level detail
    /// as its inner exception.</exception>
    PriorSet Generate(int paddedHeight, int paddedWidth);

    /// <summary>Generates priors for explicit feature-map sizes (one per level).</summary>
    /// <param name="featureMapSizes">Rows and columns of each level.</param>
    /// <returns>The priors with their grids.</returns>
    /// <exception cref="ArgumentException">The level count differs from <see cref="Strides"/>, a size is negative, the total is too large, or coordinates would exceed <see cref="PriorAssigner.MaxCoordinate"/>.</exception>
    PriorSet Generate(ReadOnlySpan<FeatureMapSize> featureMapSizes);
}
