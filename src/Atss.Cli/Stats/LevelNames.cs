using System.Numerics;

namespace Atss.Cli.Stats;

internal static class LevelNames
{
    /// <summary>FPN levels are named P&lt;log2 stride&gt; (stride 8 is P3).</summary>
    public static string Of(int stride)
        => stride > 0 && BitOperations.IsPow2(stride) ? $"P{BitOperations.Log2((uint)stride)}" : $"stride {stride}";
}
