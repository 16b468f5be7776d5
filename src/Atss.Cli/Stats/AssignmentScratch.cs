using Atss.Cli.Recipe;

namespace Atss.Cli.Stats;

/// <summary>Output spans and workspace for the allocation-free assigner overload, grown to the largest image and reused.</summary>
internal sealed class AssignmentScratch
{
    private int[] _assignedGt = [];
    private int[] _labels = [];
    private float[] _ious = [];
    private GtStatistics[] _gtStatistics = [];
    private int _priorCount;
    private int _gtCount;

    public AssignmentWorkspace Workspace { get; } = new();

    public ReadOnlySpan<int> AssignedGt => _assignedGt.AsSpan(0, _priorCount);

    public ReadOnlySpan<GtStatistics> GtStatistics => _gtStatistics.AsSpan(0, _gtCount);

    public ReadOnlySpan<int> Positives => Workspace.PositiveIndices;

    /// <summary>Assigns one image; the outputs stay valid until the next call.</summary>
    /// <returns>The number of positives.</returns>
    public int Assign(PriorAssigner assigner, PriorSet priors, PreparedImage image)
    {
        _priorCount = priors.Count;
        _gtCount = image.GtBoxes.Length;
        if (_assignedGt.Length < _priorCount)
        {
            _assignedGt = new int[_priorCount];
            _labels = new int[_priorCount];
            _ious = new float[_priorCount];
        }

        if (_gtStatistics.Length < _gtCount)
        {
            _gtStatistics = new GtStatistics[_gtCount];
        }

        return assigner.AssignTargets(
            priors,
            image.GtBoxes,
            image.GtLabels,
            image.IgnoreBoxes,
            Workspace,
            _assignedGt.AsSpan(0, _priorCount),
            _labels.AsSpan(0, _priorCount),
            _ious.AsSpan(0, _priorCount),
            _gtStatistics.AsSpan(0, _gtCount));
    }
}
