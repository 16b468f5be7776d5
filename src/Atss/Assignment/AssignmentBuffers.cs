namespace Atss;

/// <summary>
/// Reusable per-image outputs and scratch memory for <see cref="PriorAssigner.AssignTargetsBatch(IReadOnlyList{ImageInput}, IReadOnlyList{AssignmentBuffers}, int)"/>:
/// keep one per image slot of the batch and reuse them every training step, so batches allocate no per-prior arrays.
/// Not thread-safe on its own; the batch call gives each image its own buffers.
/// </summary>
/// <remarks>Memory: O(N) per buffer set; arrays grow when a larger image arrives and are reused after that.</remarks>
public sealed class AssignmentBuffers
{
    private int[] _assignedGt = [];
    private int[] _labels = [];
    private float[] _ious = [];
    private GtStatistics[] _gtStatistics = [];

    /// <summary>Scratch memory; after a call, <see cref="AssignmentWorkspace.PositiveIndices"/> lists the positives.</summary>
    public AssignmentWorkspace Workspace { get; } = new();

    /// <summary>Number of priors of the last image written.</summary>
    public int PriorCount { get; private set; }

    /// <summary>Number of boxes of the last image written.</summary>
    public int GtCount { get; private set; }

    /// <summary>Number of positives of the last image written.</summary>
    public int PositiveCount { get; internal set; }

    /// <summary>Per prior: box index, <see cref="AssignmentResult.Negative"/> or <see cref="AssignmentResult.Ignored"/>.</summary>
    public Span<int> AssignedGt => _assignedGt.AsSpan(0, PriorCount);

    /// <summary>Per prior: label at positives, <see cref="AssignmentResult.NoLabel"/> elsewhere.</summary>
    public Span<int> Labels => _labels.AsSpan(0, PriorCount);

    /// <summary>Per prior: IoU with the assigned box at positives, 0 elsewhere.</summary>
    public Span<float> Ious => _ious.AsSpan(0, PriorCount);

    /// <summary>Per box diagnostics.</summary>
    public Span<GtStatistics> GtStatistics => _gtStatistics.AsSpan(0, GtCount);

    /// <summary>The positive priors, ascending.</summary>
    public ReadOnlySpan<int> PositiveIndices => Workspace.PositiveIndices;

    internal void Prepare(int priorCount, int gtCount)
    {
        if (_assignedGt.Length < priorCount)
        {
            _assignedGt = new int[priorCount];
            _labels = new int[priorCount];
            _ious = new float[priorCount];
        }

        if (_gtStatistics.Length < gtCount)
        {
            _gtStatistics = new GtStatistics[gtCount];
        }

        PriorCount = priorCount;
        GtCount = gtCount;
    }
}
