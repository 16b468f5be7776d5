namespace Atss.Tests.Assignment;

public class BatchBuffersTests
{
    [Fact]
    public void AssignTargetsBatch_ReusedBuffers_EqualImageByImageCalls()
    {
        var rng = new Random(99);
        PriorSet small = AnchorGenerator.Atss.Generate(320, 320);
        PriorSet large = AnchorGenerator.Atss.Generate(800, 1344);
        var images = new List<ImageInput>();
        for (int i = 0; i < 16; i++)
        {
            PriorSet priors = i % 3 == 0 ? small : large;
            (Box[] boxes, int[] labels) = Scenes.Random(rng, i % 3 == 0 ? 320 : 800, i % 3 == 0 ? 320 : 1344, rng.Next(0, 60));
            images.Add(new ImageInput(priors, boxes, labels));
        }

        var assigner = new AtssAssigner();
        AssignmentBuffers[] buffers = [.. Enumerable.Range(0, 16).Select(_ => new AssignmentBuffers())];
        for (int step = 0; step < 2; step++)
        {
            // Second step reuses the buffers with the images rotated, so sizes change between steps.
            List<ImageInput> batch = step == 0 ? images : [.. images.Skip(1), images[0]];
            assigner.AssignTargetsBatch(batch, buffers);
            for (int i = 0; i < batch.Count; i++)
            {
                AssignmentResult expected = assigner.AssignTargets(batch[i].Priors, batch[i].GtBoxes.Span, batch[i].GtLabels.Span);
                Assert.Equal(expected.AssignedGt, buffers[i].AssignedGt.ToArray());
                Assert.Equal(expected.Labels, buffers[i].Labels.ToArray());
                Assert.Equal(expected.Ious, buffers[i].Ious.ToArray());
                Assert.Equal(expected.PositiveIndices, buffers[i].PositiveIndices.ToArray());
                Assert.Equal(expected.GtStatistics, buffers[i].GtStatistics.ToArray());
                Assert.Equal(expected.PositiveCount, buffers[i].PositiveCount);
            }
        }
    }

    [Fact]
    public void AssignTargetsBatch_BadImage_FailsBeforeWritingAnything()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        var good = new ImageInput(priors, new Box[] { new(1, 1, 30, 30) }, new[] { 1 });
        var bad = new ImageInput(priors, new Box[] { new(float.NaN, 1, 30, 30) }, new[] { 1 });
        AssignmentBuffers[] buffers = [new(), new()];
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargetsBatch([good, bad], buffers));
        Assert.StartsWith("images[1]:", e.Message, StringComparison.Ordinal);
        Assert.Equal("images", e.ParamName);
        Assert.Equal(0, buffers[0].PriorCount);
    }

    [Fact]
    public void AssignTargetsBatch_TooFewBuffers_Throws()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        var image = new ImageInput(priors, Array.Empty<Box>(), Array.Empty<int>());
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargetsBatch([image, image], [new AssignmentBuffers()]));
        Assert.Equal("buffers", e.ParamName);
    }
}
