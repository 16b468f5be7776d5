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
}
