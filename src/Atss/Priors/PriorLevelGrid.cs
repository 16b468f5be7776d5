namespace Atss;

/// <summary>
/// The regular grid one FPN level's priors were generated on: prior <c>(y, x, a)</c> of the level has index
/// <c>(y * Width + x) * AnchorsPerLocation + a</c> and its centre near <c>(x * StrideX + offset, y * StrideY + offset)</c>.
/// </summary>
/// <remarks>Generators attach this to the <see cref="PriorSet"/> so that assigners can find nearest centres from the geometry.</remarks>
/// <param name="Height">Feature-map rows.</param>
/// <param name="Width">Feature-map columns.</param>
/// <param name="StrideX">Horizontal stride in pixels.</param>
/// <param name="StrideY">Vertical stride in pixels.</param>
/// <param name="AnchorsPerLocation">Priors per grid location (A).</param>
public readonly record struct PriorLevelGrid(int Height, int Width, int StrideX, int StrideY, int AnchorsPerLocation)
{
    /// <summary>Number of priors on the level, <c>Height * Width * AnchorsPerLocation</c>.</summary>
    public long Count => (long)Height * Width * AnchorsPerLocation;
}
