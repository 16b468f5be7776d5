using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Atss.Tests.Fixtures;

namespace Atss.Tests;

/// <summary>The README's quick start is this file's <see cref="QuickStart"/>, line for line (Sep's ReadMeTest idea).</summary>
public class ReadMeTests
{
    [Fact]
    public void QuickStart_RunsAndFindsPositivesForBothBoxes()
    {
        var output = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(output);
        try
        {
            (AssignmentResult result, int positives) = QuickStart();
            Assert.Equal(result.PositiveCount, positives);
            Assert.Contains(0, result.AssignedGt);
            Assert.Contains(1, result.AssignedGt);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("-> box 1, label 3", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## Quick start", "README")]
    [InlineData("## The paper's ablations", "STRATEGIES")]
    [InlineData("## From a TorchSharp", "TENSORS")]
    public void ReadmeCodeBlock_IsCodeThatTheseTestsRun(string section, string marker)
    {
        string readme = File.ReadAllText(Path.Combine(FixtureLocation.RepositoryRoot(), "README.md"));
        int at = readme.IndexOf(section, StringComparison.Ordinal);
        int start = readme.IndexOf("```csharp\n", at, StringComparison.Ordinal) + "```csharp\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        string[] readmeLines = Normalize(readme[start..end]).Where(l => l != "using Atss;").ToArray();

        // Not [CallerFilePath]: CI builds map source paths to /_/ (deterministic builds).
        string source = File.ReadAllText(Path.Combine(FixtureLocation.RepositoryRoot(), "tests", "Atss.Tests", "ReadMeTests.cs"));
        string prefix = "        // " + marker + "-";
        int begin = source.IndexOf(prefix + "BEGIN\n", StringComparison.Ordinal);
        int stop = source.IndexOf(prefix + "END\n", StringComparison.Ordinal);
        string[] codeLines = Normalize(source[(source.IndexOf('\n', begin) + 1)..stop]);
        Assert.Equal(readmeLines, codeLines);
    }

    [Theory]
    [InlineData("atss")]
    [InlineData("retinanet")]
    [InlineData("fcos")]
    [InlineData("topk")]
    public void StrategySwitch_EveryNameAssignsTheSameScene(string strategy)
    {
        PriorSet priors = strategy == "fcos" ? PointGenerator.Fcos.Generate(320, 320) : AnchorGenerator.Atss.Generate(320, 320);
        PriorAssigner assigner = Strategy(strategy);
        AssignmentResult result = assigner.AssignTargets(priors, [new Box(40, 40, 200, 180)], [7]);
        Assert.NotEmpty(result.PositiveIndices);
        Assert.All(result.PositiveIndices, p => Assert.Equal(7, result.Labels[p]));
        Assert.Throws<ArgumentException>(() => Strategy("yolo"));
    }

    [Fact]
    public void TensorHandOff_ViewsTensorStorageAsBoxesWithoutCopying()
    {
        float[] tensor = [100, 120, 260, 300, 400, 80, 460, 200];
        byte[] storage = new byte[tensor.Length * sizeof(float)];
        Buffer.BlockCopy(tensor, 0, storage, 0, storage.Length);
        (int written, Box[] boxes, Box[] sameBoxes) = TensorHandOff(storage);
        Assert.Equal([new Box(100, 120, 260, 300), new Box(400, 80, 460, 200)], boxes);
        Assert.Equal(boxes, sameBoxes);
        Assert.True(written > 0);
    }

    private static (int Written, Box[] Boxes, Box[] SameBoxes) TensorHandOff(ReadOnlySpan<byte> gtStorage)
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(512, 512);
        var assigner = new AtssAssigner();
        var workspace = new AssignmentWorkspace();
        int[] classes = [1, 2];
        int[] assignedGt = new int[priors.Count], labels = new int[priors.Count];
        float[] ious = new float[priors.Count];

        // TENSORS-BEGIN
        // gtStorage: the raw bytes of a contiguous float32 [G, 4] CPU tensor (TorchSharp: tensor.bytes).
        ReadOnlySpan<float> coordinates = MemoryMarshal.Cast<byte, float>(gtStorage);
        ReadOnlySpan<Box> boxes = BoxMemory.AsBoxes(coordinates);             // no copy
        var tensorView = new ReadOnlyTensorSpan<float>(coordinates.ToArray(), [boxes.Length, 4]);
        ReadOnlySpan<Box> sameBoxes = BoxMemory.AsBoxes(tensorView);         // BCL tensor spans work too

        int written = assigner.AssignTargets(priors, boxes, classes, [], workspace, assignedGt, labels, ious);
        // TENSORS-END
        return (written, boxes.ToArray(), sameBoxes.ToArray());
    }

    private static PriorAssigner Strategy(string strategy)
    {
        // STRATEGIES-BEGIN
        PriorAssigner assigner = strategy switch
        {
            "atss" => new AtssAssigner(),
            "retinanet" => new MaxIouAssigner(MaxIouOptions.MmDetection),
            "fcos" => new FcosAssigner(FcosOptions.MmDetection),   // on PointGenerator.Fcos priors
            "topk" => new TopKAssigner(TopKOptions.OriginalPaper with { TopK = 9 }),
            _ => throw new ArgumentException($"unknown strategy {strategy}", nameof(strategy)),
        };
        // STRATEGIES-END
        return assigner;
    }

    private static (AssignmentResult Result, int Positives) QuickStart()
    {
        // README-BEGIN
        // Priors of an 800x1344 padded image: MMDetection's ATSS anchors (one 8*stride square per location, strides 8..128).
        PriorSet priors = AnchorGenerator.Atss.Generate(paddedHeight: 800, paddedWidth: 1344);

        Box[] gtBoxes = [new(100, 120, 260, 300), new(400, 80, 460, 200)];
        int[] gtLabels = [17, 3];

        var assigner = new AtssAssigner(); // AtssOptions.MmDetection: k = 9 per level, continuous IoU
        AssignmentResult result = assigner.AssignTargets(priors, gtBoxes, gtLabels);
        foreach (int p in result.PositiveIndices)
        {
            Console.WriteLine($"prior {p} (level {priors.LevelOf(p)}) -> box {result.AssignedGt[p]}, label {result.Labels[p]}, IoU {result.Ious[p]:F3}");
        }

        // In a training loop: reuse one workspace and your own buffers, and nothing is allocated per step.
        var workspace = new AssignmentWorkspace();
        int[] assignedGt = new int[priors.Count], labels = new int[priors.Count];
        float[] ious = new float[priors.Count];
        int positives = assigner.AssignTargets(priors, gtBoxes, gtLabels, [], workspace, assignedGt, labels, ious);
        // README-END
        return (result, positives);
    }

    private static string[] Normalize(string code)
        => [.. code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
