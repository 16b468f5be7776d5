namespace Atss;

/// <summary>
/// Reusable scratch memory for the span overloads of <see cref="PriorAssigner"/>. Buffers grow to the largest
/// image seen and are then reused, so steady-state calls allocate nothing. Not thread-safe: use one workspace per
/// thread (assigners themselves are immutable and may be shared).
/// </summary>
/// <remarks>Size: O(N + G + candidates per box) ints and floats, never O(N x G).</remarks>
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

    internal float[] CandidateDepths { get; private set; } = [];

    internal int[] Ignored { get; private set; } = [];

    internal int[] Shared { get; private set; } = [];

    internal int[] GtCounts { get; private set; } = [];

    /// <summary>One bit per prior (ATSS marks its positives here, then lists them in order in one pass).</summary>
    internal ulong[] PositiveBits { get; private set; } = [];

    internal Span<int> PositivesBuffer => _positives;

    internal void SetPositiveCount(int count) => _positiveCount = count;

    /// <summary>Per level: the block's first column and row (two entries per level).</summary>
    internal int[] LevelBlockOrigins { get; private set; } = [];

    private ulong[] _selectionKeys = [];

    /// <summary>
    /// Scratch keys for <see cref="Kernels.SelectNearestByKey"/>, at least <paramref name="count"/> long. Sized to the
    /// largest level by <see cref="PrepareCandidates"/> whenever k allows such windows, so that the size never depends
    /// on where the boxes are (the growth here is a safety net).
    /// </summary>
    internal Span<ulong> SelectionKeys(int count)
    {
        _selectionKeys = Grown(_selectionKeys, count);
        return _selectionKeys;
    }

    internal void EnsurePriorCapacity(int priorCount, int maxLevelCount, int levelCount)
    {
        LevelBlockOrigins = Grown(LevelBlockOrigins, 2 * levelCount);
        Grow(ref _positives, priorCount);
        LevelDistances = Grown(LevelDistances, maxLevelCount);
        Ignored = Grown(Ignored, priorCount);
        Shared = Grown(Shared, priorCount);
        PositiveBits = Grown(PositiveBits, (priorCount + 63) / 64);
        _positiveCount = 0;
    }

    /// <summary>Per level: candidates per box (min(k, n_l)).</summary>
    internal int[] LevelK { get; private set; } = [];

    /// <summary>Per level: where its candidates start in <see cref="Candidates"/> (see <see cref="CandidateSearch.Layout"/>).</summary>
    internal int[] LevelOffset { get; private set; } = [];

    /// <summary>Length of one box's candidate region for the current call; the buffers hold two, one after the other.</summary>
    internal int CandidateRegionLength { get; private set; }

    /// <summary>The largest entry of <see cref="LevelK"/> for the current call.</summary>
    internal int MaxLevelK { get; private set; }

    /// <summary>Lays out the candidate regions for <paramref name="k"/> per level and sizes the buffers.</summary>
    /// <returns>The candidates per box (sum over levels of min(k, n_l)).</returns>
    internal int PrepareCandidates(PriorSet priors, long k, int gtCount)
    {
        LevelK = Grown(LevelK, priors.LevelCount);
        LevelOffset = Grown(LevelOffset, priors.LevelCount);
        int regionLength = CandidateSearch.Layout(priors, k, LevelK, LevelOffset, out int candidateCount, out int maxK);
        MaxLevelK = maxK;
        if (maxK > CandidateSearch.SmallK)
        {
            // Window searches with this k may rank a window of up to half a level by key; LevelDistances holds the
            // largest level (EnsurePriorCapacity).
            _selectionKeys = Grown(_selectionKeys, LevelDistances.Length);
        }

        // Two regions: box g searches into one while box g - 1's candidates wait in the other for their claims.
        CandidateRegionLength = regionLength;
        EnsureCandidateCapacity(maxK, 2 * regionLength, gtCount);
        CandidateDepths = Grown(CandidateDepths, 2 * regionLength);
        return candidateCount;
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
