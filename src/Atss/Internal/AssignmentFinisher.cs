namespace Atss;

/// <summary>
/// The common last step of the streaming strategies: from a dense <see cref="AssignmentRequest.AssignedGt"/> (box
/// index, <see cref="AssignmentResult.Negative"/> or <see cref="AssignmentResult.Ignored"/>) and IoUs valid at the
/// positives, writes labels, clears the IoUs elsewhere, lists the positives ascending in the workspace and fills
/// each box's positive count. One O(N + G) pass.
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
        Span<int> counts = ws.GtCounts.AsSpan(0, request.GtBoxes.Length);
        counts.Clear();
        Span<int> positives = ws.PositivesBuffer;
        int positiveCount = 0;
        for (int p = 0; p < assignedGt.Length; p++)
        {
            int g = assignedGt[p];
            if (g >= 0)
            {
                labels[p] = gtLabels[g];
                counts[g]++;
                positives[positiveCount++] = p;
            }
            else
            {
                labels[p] = AssignmentResult.NoLabel;
                ious[p] = 0f;
            }
        }

        Span<GtStatistics> stats = request.GtStatistics;
        for (int g = 0; g < stats.Length; g++)
        {
            stats[g] = stats[g] with { PositiveCount = counts[g] };
        }

        ws.SetPositiveCount(positiveCount);
        return positiveCount;
    }

    /// <summary>
    /// Completes a request whose positives are listed (unsorted, each once) in the first <paramref name="positiveCount"/>
    /// entries of the workspace's positive buffer, with AssignedGt and IoUs already final everywhere: O(N) for the label
    /// fill, and O(P log P) for sorting few positives or one O(N) ordered pass for many.
    /// </summary>
    /// <returns>The number of positives.</returns>
    public static int FinishSparse(ref AssignmentRequest request, int positiveCount)
    {
        Span<int> positives = request.Workspace.PositivesBuffer[..positiveCount];
        ReadOnlySpan<int> assignedGt = request.AssignedGt;
        if (positiveCount > assignedGt.Length / 64)
        {
            // Many positives: one ordered pass over the priors beats an O(P log P) sort.
            int n = 0;
            for (int p = 0; p < assignedGt.Length; p++)
            {
                if (assignedGt[p] >= 0)
                {
                    positives[n++] = p;
                }
            }
        }
        else
        {
            positives.Sort();
        }

        request.Labels.Fill(AssignmentResult.NoLabel);
        Span<int> counts = request.Workspace.GtCounts.AsSpan(0, request.GtBoxes.Length);
        counts.Clear();
        foreach (int p in positives)
        {
            int g = request.AssignedGt[p];
            request.Labels[p] = request.GtLabels[g];
            counts[g]++;
        }

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
