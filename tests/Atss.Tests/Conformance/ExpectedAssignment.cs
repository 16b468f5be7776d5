using System.Text.Json;
using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// A fixture's sparse assignment made dense (fixture README section 5): negative everywhere, <see cref="AssignmentResult.Ignored"/>
/// at <c>expected.ignored</c> (when listed), and gt, label and IoU at every <c>expected.pos</c> row.
/// </summary>
/// <param name="AssignedGt">Per prior: gt index, <see cref="AssignmentResult.Negative"/> or <see cref="AssignmentResult.Ignored"/>.</param>
/// <param name="Labels">Label of each positive prior.</param>
/// <param name="Ious">IoU of each positive prior.</param>
public sealed record ExpectedAssignment(int[] AssignedGt, Dictionary<int, int> Labels, Dictionary<int, float> Ious)
{
    /// <summary>Reads <c>expected.pos</c>, the IoU column <paramref name="iouField"/> aligned with it, and <c>expected.ignored</c> if present.</summary>
    public static ExpectedAssignment Read(FixtureCase c, int priorCount, string iouField)
    {
        var gt = new int[priorCount];
        Array.Fill(gt, AssignmentResult.Negative);
        if (c.Expected.TryGetProperty("ignored", out JsonElement ignored))
        {
            foreach (JsonElement p in ignored.EnumerateArray())
            {
                gt[p.GetInt32()] = AssignmentResult.Ignored;
            }
        }

        var labels = new Dictionary<int, int>();
        var ious = new Dictionary<int, float>();
        float[] values = FixtureCase.ReadFloats(c.Expected.GetProperty(iouField));
        int i = 0;
        foreach (JsonElement row in c.Expected.GetProperty("pos").EnumerateArray())
        {
            int p = row[0].GetInt32();
            gt[p] = row[1].GetInt32();
            labels[p] = row[2].GetInt32();
            ious[p] = values[i++];
        }

        Assert.Equal(c.Expected.GetProperty("num_pos").GetInt32(), i);
        return new ExpectedAssignment(gt, labels, ious);
    }
}
