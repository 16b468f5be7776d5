using System.Runtime.Intrinsics.X86;

namespace Atss.Tests.Internal;

/// <summary>
/// <c>CandidateSearch.Measure</c>, which finds runs of consecutive candidates and measures them with the vector kernels
/// (whole vectors stored past a run's end, into later slots or the padding), at every run width this CPU has, against
/// the scalar formulas; and the order check that decides whether a level's candidates need sorting.
/// </summary>
public class CandidateMeasureTests
{
    public static TheoryData<int> Widths
    {
        get
        {
            var data = new TheoryData<int> { 1 };
            if (Avx2.IsSupported)
            {
                data.Add(8);
            }

            if (Avx512F.IsSupported)
            {
                data.Add(16);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Measure_RunsGapsAndTheLastPriors_EqualTheScalarFormulas(int width)
    {
        PriorSet priors = LegacyAnchorGenerator.RetinaNet.Generate(64, 96);
        var rng = new Random(width * 97);
        for (int trial = 0; trial < 2000; trial++)
        {
            BoxConvention convention = trial % 2 == 0 ? BoxConvention.Continuous : BoxConvention.LegacyPlusOne;
            var candidates = new List<int>();
            int target = 1 + rng.Next(60);
            while (candidates.Count < target)
            {
                // Runs of 1 to 20 consecutive priors, some ending at the very last prior, with gaps between them.
                int length = 1 + rng.Next(20);
                int start = rng.Next(4) == 0 ? priors.Count - length : rng.Next(priors.Count - length);
                candidates.AddRange(Enumerable.Range(start, Math.Min(length, target - candidates.Count)));
            }

            int count = candidates.Count;
            int slots = ((count + 15) / 16) * 16;

            // Stale values in the padding (valid prior indices that continue the last run, or not) and garbage outputs.
            int[] padded = [.. candidates, .. Enumerable.Range(0, slots - count).Select(i => rng.Next(2) == 0 ? Math.Min(candidates[^1] + 1 + i, priors.Count - 1) : rng.Next(priors.Count))];
            float[] ious = [.. Enumerable.Repeat(float.NaN, slots)];
            float[] depths = [.. Enumerable.Repeat(float.NaN, slots)];
            Box gt = Box.FromCenter((float)(rng.NextDouble() * 96), (float)(rng.NextDouble() * 64), (float)(rng.NextDouble() * 80), (float)(rng.NextDouble() * 80));

            CandidateSearch.Measure(priors, padded, count, gt, convention, ious, depths, width);
            for (int c = 0; c < count; c++)
            {
                int p = candidates[c];
                Assert.Equal(Bits(Overlaps.IouOfValidated(priors.Boxes[p], gt, convention)), Bits(ious[c]));
                Assert.Equal(Bits(CenterTests.Depth(priors.CenterX[p], priors.CenterY[p], gt)), Bits(depths[c]));
            }

            Assert.All(ious[count..], v => Assert.Equal(0, Bits(v)));
        }
    }

    [Fact]
    public void Measure_RejectsUnpaddedSpansAndWidthsTheCpuLacks()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        Assert.Throws<ArgumentException>(() => CandidateSearch.Measure(priors, new int[9], 9, default, BoxConvention.Continuous, new float[16], new float[16], 1));
        Assert.Throws<ArgumentException>(() => CandidateSearch.Measure(priors, new int[16], 9, default, BoxConvention.Continuous, new float[16], new float[9], 1));
        Assert.Throws<ArgumentException>(() => CandidateSearch.Measure(priors, new int[16], 17, default, BoxConvention.Continuous, new float[16], new float[16], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CandidateSearch.Measure(priors, new int[16], 9, default, BoxConvention.Continuous, new float[16], new float[16], 4));
        if (!Avx512F.IsSupported)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => CandidateSearch.Measure(priors, new int[16], 9, default, BoxConvention.Continuous, new float[16], new float[16], 16));
        }
    }

    [Fact]
    public void IsAscending_EqualsTheDefinitionAtEveryLengthAndPlace()
    {
        var rng = new Random(5);
        for (int length = 0; length <= 70; length++)
        {
            int[] sorted = [.. Enumerable.Range(0, length).Select(_ => rng.Next(40)).Order()];
            Assert.True(CandidateSearch.IsAscending(sorted));

            // One descent at each place in turn: inside a vector, across a vector boundary, and in the scalar tail.
            for (int at = 1; at < length; at++)
            {
                int[] values = [.. sorted];
                values[at] = values[at - 1] - 1;
                Assert.False(CandidateSearch.IsAscending(values), $"length {length}, descent at {at}");
            }
        }
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
