namespace Atss;

/// <summary>
/// The object sizes one FPN level is responsible for in FCOS-style assignment: a prior on the level may take a box only
/// if <c>Min &lt;= max(l, t, r, b) &lt;= Max</c> (both ends inclusive, float32), where l, t, r, b are the distances from
/// the prior centre to the box edges.
/// </summary>
/// <param name="Min">Lower bound, inclusive (FCOS uses -1 for the first level).</param>
/// <param name="Max">Upper bound, inclusive (FCOS uses 1e8 for the last level).</param>
public readonly record struct SizeRange(float Min, float Max)
{
    /// <summary>Whether <paramref name="value"/> lies in <c>[Min, Max]</c>.</summary>
    /// <param name="value">The largest centre-to-edge distance.</param>
    /// <returns><c>Min &lt;= value &amp;&amp; value &lt;= Max</c>.</returns>
    public bool Contains(float value) => value >= Min && value <= Max;
}
