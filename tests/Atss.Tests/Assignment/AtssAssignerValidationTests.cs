namespace Atss.Tests.Assignment;

/// <summary>Argument validation of <see cref="AtssAssigner"/> and <see cref="PriorAssigner"/>: exception type, parameter name, message.</summary>
public class AtssAssignerValidationTests
{
    private static readonly PriorSet s_priors = AnchorGenerator.Atss.Generate(64, 64);
    private static readonly Box[] s_gts = [new(0, 0, 10, 10), new(5, 5, 20, 20), new(30, 30, 40, 40)];
    private static readonly int[] s_labels = [0, 1, 2];

    [Fact]
    public void AssignTargets_LabelCountMismatch_ThrowsNamingGtLabels()
    {
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(s_priors, s_gts, [0, 1]));
        Assert.Equal("gtLabels", e.ParamName);
        Assert.Contains("2", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Theory]
    [InlineData(float.NaN, 0, 10, 10)]
    [InlineData(0, float.NaN, 10, 10)]
    [InlineData(0, 0, float.PositiveInfinity, 10)]
    [InlineData(0, 0, 10, float.NegativeInfinity)]
    public void AssignTargets_NonFiniteCoordinate_ThrowsNamingGtBoxesAndIndex(float x1, float y1, float x2, float y2)
    {
        Box[] gts = [s_gts[0], s_gts[1], new(x1, y1, x2, y2)];
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(s_priors, gts, s_labels));
        Assert.Equal("gtBoxes", e.ParamName);
        Assert.Contains("index 2", e.Message);
    }

    [Fact]
    public void AssignTargets_InvertedBox_ThrowsNamingGtBoxesAndIndex()
    {
        Box[] gts = [s_gts[0], new(10, 0, 5, 10), s_gts[2]];
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(s_priors, gts, s_labels));
        Assert.Equal("gtBoxes", e.ParamName);
        Assert.Contains("index 1", e.Message);
        Assert.Contains("inverted", e.Message);
    }

    [Fact]
    public void AssignTargets_HugeCoordinate_ThrowsNamingGtBoxes()
    {
        Box[] gts = [new(0, 0, 2e18f, 10)];
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(s_priors, gts, [0]));
        Assert.Equal("gtBoxes", e.ParamName);
        Assert.Contains("index 0", e.Message);
    }

    [Fact]
    public void AssignTargets_InvalidIgnoreBox_ThrowsNamingIgnoreBoxes()
    {
        var assigner = new AtssAssigner(AtssOptions.MmDetection with { IgnoreIofThreshold = 0.5f });
        var e = Assert.Throws<ArgumentException>(() => assigner.AssignTargets(s_priors, s_gts, s_labels, [new(0, 0, 1, 1), new(0, 0, float.NaN, 1)]));
        Assert.Equal("ignoreBoxes", e.ParamName);
        Assert.Contains("index 1", e.Message);
    }

    [Fact]
    public void AssignTargets_NullPriors_ThrowsArgumentNull()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new AtssAssigner().AssignTargets(null!, s_gts, s_labels));
        Assert.Equal("priors", e.ParamName);
    }

    [Fact]
    public void AssignTargets_NullWorkspace_ThrowsArgumentNull()
    {
        int n = s_priors.Count;
        var e = Assert.Throws<ArgumentNullException>(() => new AtssAssigner().AssignTargets(s_priors, s_gts, s_labels, [], null!, new int[n], new int[n], new float[n]));
        Assert.Equal("workspace", e.ParamName);
    }

    [Theory]
    [InlineData("assignedGt")]
    [InlineData("assignedLabels")]
    [InlineData("assignedIous")]
    public void AssignTargets_DestinationTooShort_ThrowsNamingDestination(string which)
    {
        int n = s_priors.Count;
        var gt = new int[which == "assignedGt" ? n - 1 : n];
        var labels = new int[which == "assignedLabels" ? n - 1 : n];
        var ious = new float[which == "assignedIous" ? n - 1 : n];
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(s_priors, s_gts, s_labels, [], new AssignmentWorkspace(), gt, labels, ious));
        Assert.Equal(which, e.ParamName);
        Assert.Contains((n - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Contains(n.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void AssignTargets_StatisticsTooShort_ThrowsNamingGtStatistics()
    {
        int n = s_priors.Count;
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(s_priors, s_gts, s_labels, [], new AssignmentWorkspace(), new int[n], new int[n], new float[n], new GtStatistics[2]));
        Assert.Equal("gtStatistics", e.ParamName);
    }

    [Fact]
    public void AssignTargets_InvalidInput_LeavesDestinationsUntouched()
    {
        int n = s_priors.Count;
        int[] gt = [.. Enumerable.Repeat(7, n)];
        Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(s_priors, [new(0, 0, -1, 1)], [0], [], new AssignmentWorkspace(), gt, new int[n], new float[n]));
        Assert.All(gt, v => Assert.Equal(7, v));
    }

    public static TheoryData<AtssOptions> InvalidOptions =>
    [
        AtssOptions.MmDetection with { TopK = 0 },
        AtssOptions.MmDetection with { TopK = -3 },
        AtssOptions.MmDetection with { CenterMargin = float.NaN },
        AtssOptions.MmDetection with { CenterMargin = float.PositiveInfinity },
        AtssOptions.MmDetection with { IgnoreIofThreshold = 1.5f },
        AtssOptions.MmDetection with { IgnoreIofThreshold = -0.1f },
        AtssOptions.MmDetection with { IgnoreIofThreshold = float.NaN },
        AtssOptions.MmDetection with { BoxConvention = (BoxConvention)7 },
        AtssOptions.MmDetection with { ThresholdComparison = (ThresholdComparison)7 },
        AtssOptions.MmDetection with { SharedPriorResolution = (SharedPriorResolution)7 },
    ];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowsOutOfRangeNamingOptions(AtssOptions options)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AtssAssigner(options));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void Constructor_TopKZero_MessageNamesSettingAndValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AtssAssigner(AtssOptions.MmDetection with { TopK = 0 }));
        Assert.Contains("TopK", e.Message);
        Assert.Equal(0, e.ActualValue);
    }

    [Fact]
    public void AssignTargetsBatch_Null_ThrowsArgumentNull()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new AtssAssigner().AssignTargetsBatch(null!));
        Assert.Equal("images", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void AssignTargetsBatch_InvalidParallelism_ThrowsOutOfRange(int parallelism)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AtssAssigner().AssignTargetsBatch([], parallelism));
        Assert.Equal("maxDegreeOfParallelism", e.ParamName);
    }

    [Fact]
    public void AssignTargetsBatch_InvalidImage_ThrowsNamingImageIndex()
    {
        ImageInput good = new(s_priors, s_gts, s_labels);
        ImageInput badLabels = new(s_priors, s_gts, new[] { 0 });
        ImageInput badBox = new(s_priors, new[] { new Box(0, 0, float.NaN, 1) }, new[] { 0 });
        ImageInput noPriors = new(null!, s_gts, s_labels);

        var e1 = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargetsBatch([good, badLabels]));
        Assert.Equal("images", e1.ParamName);
        Assert.StartsWith("images[1]", e1.Message);

        var e2 = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargetsBatch([good, good, badBox]));
        Assert.StartsWith("images[2]", e2.Message);

        var e3 = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargetsBatch([noPriors]));
        Assert.StartsWith("images[0]", e3.Message);
    }
}
