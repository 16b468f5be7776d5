using Atss.Tests.Fixtures;

namespace Atss.Tests.Conformance;

/// <summary>
/// Compares a dense reference assignment with a result: exactly at every prior not listed as fragile (fixture README
/// section 7), IoUs within <c>1e-5 + 1e-5 |a|</c>. Fragile priors are counted, not compared.
/// </summary>
public static class ConformanceAssert
{
    public static bool CloseFloat(float expected, float actual) => MathF.Abs(expected - actual) <= 1e-5f + (1e-5f * MathF.Abs(expected));

    public static void SameAssignment(FixtureCase c, int[] expectedGt, IReadOnlyDictionary<int, int> expectedLabel, IReadOnlyDictionary<int, float>? expectedIou, AssignmentResult actual)
    {
        Assert.Equal(expectedGt.Length, actual.PriorCount);
        var mismatches = new List<string>();
        for (int p = 0; p < expectedGt.Length; p++)
        {
            if (c.FragilePriors.Contains(p))
            {
                continue;
            }

            int eg = expectedGt[p];
            int ag = actual.AssignedGt[p];
            if (eg != ag)
            {
                mismatches.Add($"prior {p}: expected gt {eg}, got {ag} (iou {actual.Ious[p]})");
                continue;
            }

            if (eg >= 0)
            {
                if (expectedLabel[p] != actual.Labels[p])
                {
                    mismatches.Add($"prior {p}: expected label {expectedLabel[p]}, got {actual.Labels[p]}");
                }

                if (expectedIou is not null && !CloseFloat(expectedIou[p], actual.Ious[p]))
                {
                    mismatches.Add($"prior {p}: expected IoU {expectedIou[p]:R}, got {actual.Ious[p]:R}");
                }
            }
            else if (actual.Labels[p] != AssignmentResult.NoLabel)
            {
                mismatches.Add($"prior {p}: non-positive with label {actual.Labels[p]}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{c.Id}: {mismatches.Count} mismatching priors ({c.FragilePriors.Count} fragile skipped):\n" + string.Join("\n", mismatches.Take(20)));
    }

    public static void SameAssignment(FixtureCase c, ExpectedAssignment expected, AssignmentResult actual, bool compareValues = true)
        => SameAssignment(c, expected.AssignedGt, expected.Labels, compareValues ? expected.Values : null, actual);

    /// <summary>
    /// Compares float rows (4 per pair, e.g. regression targets) within the fixture tolerance, skipping the rows whose
    /// prior is in <paramref name="skipPriors"/>.
    /// </summary>
    public static void SameRows(string id, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int width, IReadOnlyList<int>? rowPriors = null, IReadOnlySet<int>? skipPriors = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        var mismatches = new List<string>();
        for (int i = 0; i < expected.Length; i++)
        {
            int row = i / width;
            if (skipPriors is not null && rowPriors is not null && skipPriors.Contains(rowPriors[row]))
            {
                continue;
            }

            if (!CloseFloat(expected[i], actual[i]))
            {
                string where = rowPriors is null ? $"row {row}" : $"row {row} (prior {rowPriors[row]})";
                mismatches.Add($"{where} column {i % width}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{id}: {mismatches.Count} mismatching values:\n" + string.Join("\n", mismatches.Take(20)));
    }
}
