using System.Text;
using Atss.Cli.Coco;

namespace Atss.Cli.Tests.Coco;

public class CocoReaderTests
{
    [Fact]
    public void LoadEmbedded_SampleFile_MatchesDocumentOracle()
    {
        CocoDataset dataset = CocoReader.LoadEmbedded();
        AssertMatches(CocoOracle.Embedded(), dataset);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Read_SmallBuffers_SameDatasetAsOneBigBuffer(int bufferSize)
    {
        // Tiny buffers force every refill and growth path: elements split across reads, values larger than the buffer.
        byte[] json = SyntheticJson(images: 300, boxesPerImage: 3);
        CocoDataset expected = CocoReader.Read(new MemoryStream(json), "big-buffer", bufferSize: json.Length + 16);
        CocoDataset actual = CocoReader.Read(new OneByteAtATimeStream(json, chunk: 7), "small-buffer", bufferSize: bufferSize);
        AssertSameDataset(expected, actual);
        AssertMatches(CocoOracle.Read(new MemoryStream(json)), actual);
    }

    [Fact]
    public void Read_AnnotationsBeforeImages_GroupsAnnotationsByImage()
    {
        const string Json = """
            {"annotations": [
               {"image_id": 20, "category_id": 3, "bbox": [1, 2, 3, 4]},
               {"image_id": 10, "category_id": 1, "bbox": [5, 6, 7, 8], "iscrowd": 1},
               {"image_id": 20, "category_id": 1, "bbox": [9, 10, 11, 12]}],
             "images": [{"id": 10, "width": 100, "height": 50}, {"id": 20, "width": 60, "height": 40}]}
            """;
        CocoDataset dataset = Read(Json);
        AssertMatches(CocoOracle.Read(new MemoryStream(Encoding.UTF8.GetBytes(Json))), dataset);
        Assert.True(dataset.AnnotationsOf(dataset.Images[0])[0].IsCrowd);
    }

    [Fact]
    public void Read_CategoriesListed_LabelsAreIndicesOfSortedIds()
    {
        CocoDataset dataset = Read("""
            {"images": [], "annotations": [],
             "categories": [{"id": 7, "name": "seven"}, {"id": 2, "name": "two"}, {"id": 90, "name": "ninety"}]}
            """);
        Assert.Equal([2, 7, 90], dataset.CategoryIds.ToArray());
        Assert.True(dataset.TryGetLabel(7, out int label));
        Assert.Equal(1, label);
        Assert.False(dataset.TryGetLabel(3, out _));
        Assert.Equal("ninety", dataset.CategoryName(90));
    }

    [Fact]
    public void Read_NoCategoryList_LabelsComeFromTheAnnotations()
    {
        CocoDataset dataset = Read("""
            {"images": [{"id": 1, "width": 10, "height": 10}],
             "annotations": [{"image_id": 1, "category_id": 5, "bbox": [0, 0, 2, 2]}, {"image_id": 1, "category_id": 3, "bbox": [0, 0, 2, 2]}]}
            """);
        Assert.Equal([3, 5], dataset.CategoryIds.ToArray());
    }

    [Fact]
    public void Read_ByteOrderMarkAndUnknownMembers_Skipped()
    {
        byte[] body = Encoding.UTF8.GetBytes("""
            {"info": {"nested": [[1, 2, {"deep": [3, 4, "five"]}], {"x": null}]}, "licenses": [],
             "images": [{"id": 1, "width": 640.0, "height": 480, "extra": {"a": [1, 2, 3]}}],
             "annotations": [{"segmentation": {"counts": [1, 2, 3], "size": [480, 640]}, "image_id": 1, "category_id": 1, "bbox": [1.5, 2, 3, 4], "area": null}]}
            """);
        byte[] json = [0xEF, 0xBB, 0xBF, .. body];
        CocoDataset dataset = CocoReader.Read(new MemoryStream(json), "bom.json", bufferSize: 8);
        CocoImage image = Assert.Single(dataset.Images.ToArray());
        Assert.Equal(640, image.Width);
        CocoAnnotation annotation = Assert.Single(dataset.AnnotationsOf(image).ToArray());
        Assert.Equal(1.5f, annotation.X);
        Assert.Equal(12.0, annotation.Area);
    }

    [Fact]
    public void Read_RightAndBottom_SummedInDoubleThenRounded()
    {
        // 0.1 + 0.2 in float64 is 0.30000000000000004; rounding the sum once is MMDetection's order.
        CocoDataset dataset = Read("""{"images": [{"id": 1, "width": 9, "height": 9}], "annotations": [{"image_id": 1, "category_id": 1, "bbox": [0.1, 0.7, 0.2, 0.6]}]}""");
        CocoAnnotation a = dataset.AnnotationsOf(dataset.Images[0])[0];
        Assert.Equal((float)(0.1 + 0.2), a.Right);
        Assert.Equal((float)(0.7 + 0.6), a.Bottom);
        Assert.Equal(0.2f, a.Width);
    }

    private static CocoDataset Read(string json) => CocoReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    internal static byte[] SyntheticJson(int images, int boxesPerImage)
    {
        var stream = new MemoryStream();
        SyntheticCoco.Write(stream, images, boxesPerImage, seed: 7);
        return stream.ToArray();
    }

    private static void AssertMatches(CocoOracle oracle, CocoDataset dataset)
    {
        Assert.Equal(oracle.Images.Count, dataset.Images.Length);
        Assert.Equal(oracle.AnnotationCount, dataset.AnnotationCount);
        for (int i = 0; i < oracle.Images.Count; i++)
        {
            OracleImage expected = oracle.Images[i];
            CocoImage actual = dataset.Images[i];
            Assert.Equal((expected.Id, expected.Width, expected.Height, expected.FileName), (actual.Id, actual.Width, actual.Height, actual.FileName));
            AnnotationList annotations = dataset.AnnotationsOf(actual);
            Assert.Equal(expected.Annotations.Count, annotations.Count);
            for (int a = 0; a < annotations.Count; a++)
            {
                OracleAnnotation e = expected.Annotations[a];
                CocoAnnotation got = annotations[a];
                Assert.Equal(e.CategoryId, got.CategoryId);
                Assert.Equal((float)e.Bbox[0], got.X);
                Assert.Equal((float)e.Bbox[1], got.Y);
                Assert.Equal((float)e.Bbox[2], got.Width);
                Assert.Equal((float)e.Bbox[3], got.Height);
                Assert.Equal((float)(e.Bbox[0] + e.Bbox[2]), got.Right);
                Assert.Equal((float)(e.Bbox[1] + e.Bbox[3]), got.Bottom);
                Assert.Equal(e.Area, got.Area);
                Assert.Equal(e.IsCrowd, got.IsCrowd);
            }
        }
    }

    private static void AssertSameDataset(CocoDataset expected, CocoDataset actual)
    {
        Assert.Equal(expected.Images.ToArray(), actual.Images.ToArray());
        Assert.Equal(expected.AnnotationCount, actual.AnnotationCount);
        foreach (CocoImage image in expected.Images)
        {
            Assert.Equal(expected.AnnotationsOf(image).ToArray(), actual.AnnotationsOf(image).ToArray());
        }

        Assert.Equal(expected.CategoryIds.ToArray(), actual.CategoryIds.ToArray());
    }

    /// <summary>A stream that returns at most a few bytes per read, as a slow pipe might.</summary>
    private sealed class OneByteAtATimeStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
