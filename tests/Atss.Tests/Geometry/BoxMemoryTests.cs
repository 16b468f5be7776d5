using System.Numerics.Tensors;

namespace Atss.Tests.Geometry;

public class BoxMemoryTests
{
    [Fact]
    public void AsBoxes_DenseTensor_SharesMemory()
    {
        float[] data = [1, 2, 3, 4, 5, 6, 7, 8];
        var tensor = new ReadOnlyTensorSpan<float>(data, [2, 4]);
        ReadOnlySpan<Box> boxes = BoxMemory.AsBoxes(tensor);
        Assert.Equal(2, boxes.Length);
        Assert.Equal(new Box(5, 6, 7, 8), boxes[1]);
        data[4] = 50;
        Assert.Equal(50, BoxMemory.AsBoxes(tensor)[1].X1);
    }

    [Fact]
    public void AsBoxes_StridedTensor_ThrowsNamingStrides()
    {
        float[] data = new float[16];
        var strided = new ReadOnlyTensorSpan<float>(data, [2, 4], [8, 1]);
        bool threw = false;
        try
        {
            BoxMemory.AsBoxes(strided);
        }
        catch (ArgumentException e)
        {
            threw = e.ParamName == "boxes" && e.Message.Contains("strides [8, 1]", StringComparison.Ordinal);
        }

        Assert.True(threw);
    }

    [Fact]
    public void AsBoxes_WrongShape_Throws()
    {
        float[] data = new float[9];
        var e = Assert.Throws<ArgumentException>(() => BoxMemory.AsBoxes(new ReadOnlyTensorSpan<float>(data, [3, 3])));
        Assert.Equal("boxes", e.ParamName);
        Assert.Throws<ArgumentException>(() => BoxMemory.AsBoxes(new float[7].AsSpan()));
    }

    [Fact]
    public void AsLabels_DenseVector_SharesMemory()
    {
        int[] labels = [3, 1, 4];
        Assert.Equal(labels, BoxMemory.AsLabels(new ReadOnlyTensorSpan<int>(labels)).ToArray());
    }

    [Fact]
    public void AsLabels_StridedOrWrongRank_ThrowsSayingWhich()
    {
        // A ref struct cannot be captured by Assert.Throws' lambda, hence the try blocks.
        int[] data = new int[4];
        string? stridedMessage = null;
        try
        {
            BoxMemory.AsLabels(new ReadOnlyTensorSpan<int>(data, [2], [2]));
        }
        catch (ArgumentException e) when (e.ParamName == "labels")
        {
            stridedMessage = e.Message;
        }

        string? rankMessage = null;
        try
        {
            BoxMemory.AsLabels(new ReadOnlyTensorSpan<int>(data, [2, 2], [2, 1]));
        }
        catch (ArgumentException e) when (e.ParamName == "labels")
        {
            rankMessage = e.Message;
        }

        Assert.Contains("strides [2]", stridedMessage);
        Assert.Contains("shape [2, 2]", rankMessage);
    }
}
