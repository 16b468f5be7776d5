namespace Atss;

/// <summary>Per-box scratch used by the streaming strategies (max-IoU, FCOS, top-k): O(G) floats and ints.</summary>
public sealed partial class AssignmentWorkspace
{
    /// <summary>Per box: its best IoU over all priors (max-IoU strategies).</summary>
    internal float[] BoxBestIou { get; private set; } = [];

    /// <summary>Per box: a prior index (the first prior reaching the best IoU) or a counter.</summary>
    internal int[] BoxInts { get; private set; } = [];

    internal void EnsureBoxCapacity(int gtCount)
    {
        BoxBestIou = GrownForBoxes(BoxBestIou, gtCount);
        BoxInts = GrownForBoxes(BoxInts, gtCount);

        // The finisher counts positives per box in GtCounts (when statistics are asked for).
        EnsureCandidateCapacity(0, 0, gtCount);
    }

    private static T[] GrownForBoxes<T>(T[] array, int size)
        => array.Length >= size ? array : new T[(int)Math.Min(Array.MaxLength, Math.Max(size, 2L * array.Length))];
}
