namespace Atss;

/// <summary>One image's validated inputs and destinations, passed to a strategy by reference.</summary>
internal readonly ref struct AssignmentRequest
{
    public AssignmentRequest(PriorSet priors, ReadOnlySpan<Box> gtBoxes, ReadOnlySpan<int> gtLabels, ReadOnlySpan<Box> ignoreBoxes, AssignmentWorkspace workspace, Span<int> assignedGt, Span<int> labels, Span<float> ious, Span<GtStatistics> gtStatistics)
    {
        Priors = priors;
        GtBoxes = gtBoxes;
        GtLabels = gtLabels;
        IgnoreBoxes = ignoreBoxes;
        Workspace = workspace;
        AssignedGt = assignedGt;
        Labels = labels;
        Ious = ious;
        GtStatistics = gtStatistics;
    }

    public PriorSet Priors { get; }

    public ReadOnlySpan<Box> GtBoxes { get; }

    public ReadOnlySpan<int> GtLabels { get; }

    public ReadOnlySpan<Box> IgnoreBoxes { get; }

    public AssignmentWorkspace Workspace { get; }

    public Span<int> AssignedGt { get; }

    public Span<int> Labels { get; }

    public Span<float> Ious { get; }

    /// <summary>Empty when the caller did not ask for diagnostics.</summary>
    public Span<GtStatistics> GtStatistics { get; }
}
