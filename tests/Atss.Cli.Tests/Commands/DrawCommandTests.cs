using Atss.Cli.Drawing;
using Atss.Cli.Strategies;
using SkiaSharp;

namespace Atss.Cli.Tests.Commands;

public class DrawCommandTests
{
    [Fact]
    public void Draw_FirstEmbeddedImage_WritesANonBlankPngOfTheImageSize()
    {
        OracleImage first = CocoOracle.Embedded().Images[0];
        using var temp = new TempDirectory();
        string png = temp.File("a.png");
        CliResult result = CliRunner.RunOk("draw", "--image-id", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", png);
        Assert.Contains(png, result.Stdout, StringComparison.Ordinal);

        using SKBitmap bitmap = PngInspection.Load(png);
        Assert.Equal((first.Width, first.Height), (bitmap.Width, bitmap.Height));
        long drawn = PngInspection.CountDifferent(bitmap, ImageRenderer.BlankBackground);
        Assert.True(drawn > bitmap.Width * bitmap.Height / 100, $"only {drawn} pixels differ from the blank canvas");

        // Positive priors are drawn as dots in their level's colour.
        Assert.Contains(Enumerable.Range(0, 5), l => PngInspection.Contains(bitmap, Palette.Level(l)));
    }

    public static TheoryData<string> StrategyNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (StrategyEntry entry in StrategyRegistry.All)
            {
                data.Add(entry.Name);
                data.Add(entry.Name + ":paper");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public void Draw_EveryStrategy_WritesANonBlankPngWithLevelColours(string strategy)
    {
        OracleImage image = CocoOracle.Embedded().Images[1];
        using var temp = new TempDirectory();
        string png = temp.File("s.png");
        CliRunner.RunOk("draw", "--strategy", strategy, "--prior-boxes", "--image-id", image.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", png);
        using SKBitmap bitmap = PngInspection.Load(png);
        Assert.Equal((image.Width, image.Height), (bitmap.Width, bitmap.Height));
        Assert.Contains(Enumerable.Range(0, 5), l => PngInspection.Contains(bitmap, Palette.Level(l)));
    }

    [Fact]
    public void Draw_WithImagesFolder_DrawsOnTheRealImageScaledToTheAnnotatedSize()
    {
        using var temp = new TempDirectory();
        string annotations = temp.Write("one.json", """
            {"images": [{"id": 5, "width": 320, "height": 200, "file_name": "scene.png"}],
             "annotations": [{"image_id": 5, "category_id": 1, "bbox": [40, 60, 90, 80], "iscrowd": 0}],
             "categories": [{"id": 1, "name": "thing"}]}
            """);

        // The image file is half the annotated size, in one colour the drawing does not use.
        var photo = new SKColor(20, 160, 170);
        using (var bitmap = new SKBitmap(160, 100))
        {
            bitmap.Erase(photo);
            using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(temp.File("scene.png"), data.ToArray());
        }

        string onPhoto = temp.File("photo.png");
        string onBlank = temp.File("blank.png");
        CliRunner.RunOk("draw", "--annotations", annotations, "--images", temp.Path, "--image-id", "5", "--out", onPhoto);
        CliRunner.RunOk("draw", "--annotations", annotations, "--image-id", "5", "--out", onBlank);

        using SKBitmap drawn = PngInspection.Load(onPhoto);
        using SKBitmap blank = PngInspection.Load(onBlank);
        Assert.Equal((320, 200), (drawn.Width, drawn.Height));

        // The top-right corner is far from the box, its label and the legend (bottom left).
        Assert.True(PngInspection.Near(drawn.GetPixel(315, 4), photo, 3), $"corner is {drawn.GetPixel(315, 4)}");
        Assert.Equal(ImageRenderer.BlankBackground, blank.GetPixel(315, 4));
        Assert.True(PngInspection.CountDifferent(drawn, photo) > 500);
    }

    [Fact]
    public void DrawHistogram_TwoStrategies_WritesANonBlankPngWithBothSeries()
    {
        using var temp = new TempDirectory();
        string png = temp.File("h.png");
        CliRunner.RunOk("draw", "--histogram", "--strategy", "atss,atss:paper", "--out", png);
        using SKBitmap bitmap = PngInspection.Load(png);
        Assert.Equal((HistogramRenderer.Width, HistogramRenderer.Height), (bitmap.Width, bitmap.Height));
        long drawn = PngInspection.CountDifferent(bitmap, HistogramRenderer.Background);
        Assert.True(drawn > bitmap.Width * bitmap.Height / 50, $"only {drawn} pixels differ from the background");
        Assert.True(PngInspection.Contains(bitmap, Palette.Series(0)));
        Assert.True(PngInspection.Contains(bitmap, Palette.Series(1)));
    }

    [Fact]
    public void Draw_UnknownImageId_ExitCode1NamesTheIdAndTheFile()
    {
        using var temp = new TempDirectory();
        CliResult result = CliRunner.Run("draw", "--image-id", "-42", "--out", temp.File("x.png"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("embedded coco-val2014-100.json", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no image has id -42", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("x.png")));
    }

    [Fact]
    public void Draw_ImageFileMissing_ExitCode1NamesThePath()
    {
        using var temp = new TempDirectory();
        OracleImage first = CocoOracle.Embedded().Images[0];
        CliResult result = CliRunner.Run("draw", "--images", temp.Path, "--image-id", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", temp.File("x.png"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine(temp.Path, first.FileName!), result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_OutputFolderMissing_ExitCode3()
    {
        using var temp = new TempDirectory();
        string output = Path.Combine(temp.Path, "no-such-folder", "a.png");
        CliResult result = CliRunner.Run("draw", "--image-id", CocoOracle.Embedded().Images[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains(output, result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Theory]
    [InlineData("draw", "--image-id", "1146")]
    [InlineData("draw", "--out", "a.png")]
    [InlineData("draw", "--histogram", "--image-id", "1146", "--out", "a.png")]
    [InlineData("draw", "--image-id", "1146", "--strategy", "atss,atss:paper", "--out", "a.png")]
    public void Draw_IncompleteOrConflictingOptions_ExitCode2(params string[] args)
    {
        CliResult result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run 'atss help'", result.Stderr, StringComparison.Ordinal);
    }
}
