using System.Text.Json;

namespace Atss.Tests.Fixtures;

/// <summary>
/// A fixture case's sparse <c>expected</c> block (<c>pos</c>, optional <c>ignored</c>, one float per positive)
/// rebuilt as the dense assignment in the library's encoding: box index, <see cref="AssignmentResult.Negative"/> or
/// <see cref="AssignmentResult.Ignored"/> per prior.
/// </summary>
public sealed class ExpectedAssignment
{
    private ExpectedAssignment(int[] assignedGt, Dictionary<int, int> labels, Dictionary<int, float>? values, int[] positives)
    {
        AssignedGt = assignedGt;
        Labels = labels;
        Values = values;
        Positives = positives;
    }

    public int[] AssignedGt { get; }

    /// <summary>Label of each positive prior.</summary>
    public Dictionary<int, int> Labels { get; }

    /// <summary>The per-positive float column (IoU) by prior, when one was requested.</summary>
    public Dictionary<int, float>? Values { get; }

    /// <summary>The positive priors in file order (ascending).</summary>
    public int[] Positives { get; }

    /// <summary>Reads the case; <paramref name="valuesField"/> names the per-positive float column (e.g. <c>pos_ious</c>), or is null.</summary>
    public static ExpectedAssignment Read(FixtureCase c, int priorCount, string? valuesField)
    {
        JsonElement expected = c.Expected;
        var assignedGt = new int[priorCount];
        Array.Fill(assignedGt, AssignmentResult.Negative);
        if (expected.TryGetProperty("ignored", out JsonElement ignored))
        {
            foreach (JsonElement e in ignored.EnumerateArray())
            {
                assignedGt[e.GetInt32()] = AssignmentResult.Ignored;
            }
        }

        float[]? column = valuesField is null ? null : FixtureCase.ReadFloats(expected.GetProperty(valuesField));
        var labels = new Dictionary<int, int>();
        Dictionary<int, float>? values = column is null ? null : [];
        var positives = new List<int>();
        int i = 0;
        foreach (JsonElement row in expected.GetProperty("pos").EnumerateArray())
        {
            int p = row[0].GetInt32();
            assignedGt[p] = row[1].GetInt32();
            labels[p] = row[2].GetInt32();
            if (values is not null)
            {
                values[p] = column![i];
            }

            positives.Add(p);
            i++;
        }

        if (expected.TryGetProperty("num_pos", out JsonElement numPos))
        {
            Assert.Equal(numPos.GetInt32(), i);
        }

        return new ExpectedAssignment(assignedGt, labels, values, [.. positives]);
    }

    /// <summary>The <c>pos</c> rows as (prior, box) pairs.</summary>
    public static (int Prior, int Gt)[] Pairs(FixtureCase c)
        => [.. c.Expected.GetProperty("pos").EnumerateArray().Select(r => (r[0].GetInt32(), r[1].GetInt32()))];
}
