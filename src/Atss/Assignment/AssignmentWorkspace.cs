namespace Atss;

/// <summary>
/// Reusable scratch memory for the span overloads of <see cref="PriorAssigner"/>. Buffers grow to the largest
/// image seen and are then reused, so steady-state calls allocate nothing. Not thread-safe: use one workspace per
/// thread (assigners themselves are immutable and may be shared).
/// </summary>
/// <remarks>Size: O(N + G + G_claims) ints and floats, never O(N x G).</remarks>
public sealed partial class AssignmentWorkspace
{
    private int[] _positives = [];
    private int _positiveCount;

    /// <summary>The positive prior indices of the last call, ascending; valid until the workspace is used again.</summary>
    public ReadOnlySpan<int> PositiveIndices => _positives.AsSpan(0, _positiveCount);

    internal float[] LevelDistances { get; private set; } = [];

    internal float[] HeapDistances { get; private set; } = [];

    internal int[] HeapIndices { get; private set; } = [];

    internal int[] Candidates { get; private set; } = [];

    internal float[] CandidateIous { get; private set; } = [];

    internal int[] Ignored { get; private set; } = [];

    internal int[] Shared { get; private set; } = [];

    internal int[] GtCounts { get; private set; } = [];

    internal Span<int> PositivesBuffer => _positives;

    internal void SetPositiveCount(int count) => _positiveCount = count;

    internal void EnsurePriorCapacity(int priorCount, int maxLevelCount)
    {
        Grow(ref _positives, priorCount);
        LevelDistances = Grown(LevelDistances, maxLevelCount);
        Ignored = Grown(Ignored, priorCount);
        Shared = Grown(Shared, priorCount);
        _positiveCount = 0;
    }

    internal void EnsureCandidateCapacity(int maxK, int candidatesPerGt, int gtCount)
    {
        HeapDistances = Grown(HeapDistances, maxK);
        HeapIndices = Grown(HeapIndices, maxK);
        Candidates = Grown(Candidates, candidatesPerGt);
        CandidateIous = Grown(CandidateIous, candidatesPerGt);
        GtCounts = Grown(GtCounts, gtCount);
    }

    private static void Grow(ref int[] array, int size) => array = Grown(array, size);

    private static T[] Grown<T>(T[] array, int size)
        => array.Length >= size ? array : new T[(int)Math.Min(Array.MaxLength, Math.Max(size, 2L * array.Length))];
}
