namespace Atss.Cli.Stats;

/// <summary>Wall time of the timed passes.</summary>
/// <param name="Elapsed">Total time of all timed passes.</param>
/// <param name="Images">Images per pass.</param>
/// <param name="Passes">Timed passes.</param>
internal readonly record struct Timing(TimeSpan Elapsed, int Images, int Passes)
{
    public double MillisecondsPerImage => Images == 0 ? double.NaN : Elapsed.TotalMilliseconds / ((double)Images * Passes);
}
