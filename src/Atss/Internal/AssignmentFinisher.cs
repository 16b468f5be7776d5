using System.Numerics;

namespace Atss;

/// <summary>
/// The common last step of the streaming strategies: from a dense <see cref="AssignmentRequest.AssignedGt"/> (box
/// index, <see cref="AssignmentResult.Negative"/> or <see cref="AssignmentResult.Ignored"/>) and IoUs valid at the
/// positives, writes labels, clears the IoUs elsewhere, lists the positives ascending in the workspace and, when
/// the request asks for per-box statistics, fills each box's positive count. One O(N + G) pass.
/// </summary>
internal static class AssignmentFinisher
{
    /// <summary>Completes the request; the caller must have sized the workspace with <see cref="AssignmentWorkspace.EnsureBoxCapacity"/>.</summary>
    /// <returns>The number of positives.</returns>
    public static int Finish(ref AssignmentRequest request)
    {
        AssignmentWorkspace ws = request.Workspace;
        ReadOnlySpan<int> assignedGt = request.AssignedGt;
        Span<int> labels = request.Labels;
        Span<float> ious = request.Ious;
        ReadOnlySpan<int> gtLabels = request.GtLabels;
        Span<int> counts = PerBoxCounts(request.Workspace, !request.GtStatistics.IsEmpty, request.GtBoxes.Length);
        bool countPerBox = !counts.IsEmpty;
        Span<int> positives = ws.PositivesBuffer;
        int positiveCount = 0;
        for (int p = 0; p < assignedGt.Length; p++)
        {
            int g = assignedGt[p];
            if (g >= 0)
            {
                labels[p] = gtLabels[g];
                positives[positiveCount++] = p;
                if (countPerBox)
                {
                    counts[g]++;
                }
            }
            else
            {
                labels[p] = AssignmentResult.NoLabel;
                ious[p] = 0f;
            }
        }

        return Complete(ref request, counts, positiveCount);
    }

    /// <summary>
    /// Completes a request whose positives are marked in the workspace's <see cref="AssignmentWorkspace.PositiveBits"/>
    /// (first <c>ceil(N / 64)</c> words), with AssignedGt and IoUs already final everywhere: one O(N) label fill and one
    /// O(N / 64 + P) pass over the bits, which lists the positives in ascending order without sorting.
    /// </summary>
    /// <returns>The number of positives.</returns>
    public static int FinishMarked(ref AssignmentRequest request)
    {
        ReadOnlySpan<int> assignedGt = request.AssignedGt;
        ReadOnlySpan<ulong> bits = request.Workspace.PositiveBits.AsSpan(0, (assignedGt.Length + 63) / 64);
        Span<int> positives = request.Workspace.PositivesBuffer;
        Span<int> labels = request.Labels;
        ReadOnlySpan<int> gtLabels = request.GtLabels;
        labels.Fill(AssignmentResult.NoLabel);
        Span<int> counts = PerBoxCounts(request.Workspace, !request.GtStatistics.IsEmpty, request.GtBoxes.Length);
        bool countPerBox = !counts.IsEmpty;
        int positiveCount = 0;
        for (int w = 0; w < bits.Length; w++)
        {
            for (ulong word = bits[w]; word != 0; word &= word - 1)
            {
                int p = (w << 6) + BitOperations.TrailingZeroCount(word);
                int g = assignedGt[p];
                labels[p] = gtLabels[g];
                positives[positiveCount++] = p;
                if (countPerBox)
                {
                    counts[g]++;
                }
            }
        }

        return Complete(ref request, counts, positiveCount);
    }

    // Positives per box feed only the statistics; without them nothing is counted (the increments of one box's
    // consecutive positives form a store-to-load chain that costs more than the rest of the pass).
    private static Span<int> PerBoxCounts(AssignmentWorkspace ws, bool wanted, int gtCount)
    {
        if (!wanted)
        {
            return default;
        }

        Span<int> counts = ws.GtCounts.AsSpan(0, gtCount);
        counts.Clear();
        return counts;
    }

    // Both finishers end alike: each box's positive count into its statistics, the positive count into the workspace.
    private static int Complete(ref AssignmentRequest request, ReadOnlySpan<int> counts, int positiveCount)
    {
        Span<GtStatistics> stats = request.GtStatistics;
        for (int g = 0; g < stats.Length; g++)
        {
            stats[g] = stats[g] with { PositiveCount = counts[g] };
        }

        request.Workspace.SetPositiveCount(positiveCount);
        return positiveCount;
    }

    /// <summary>The no-box / no-prior case: every prior negative, every box without candidates.</summary>
    /// <returns>Zero.</returns>
    public static int FinishEmpty(ref AssignmentRequest request, double threshold)
    {
        request.AssignedGt.Fill(AssignmentResult.Negative);
        request.Labels.Fill(AssignmentResult.NoLabel);
        request.Ious.Clear();
        request.GtStatistics.Fill(new GtStatistics(0, 0, 0, threshold, 0));
        request.Workspace.SetPositiveCount(0);
        return 0;
    }
}
