namespace Atss.Tests.Targets;

public class CenternessTests
{
    [Fact]
    public void Compute_AtBoxCentre_IsOne() => Assert.Equal(1f, Centerness.Compute(7.5f, 3f, 7.5f, 3f));

    [Theory]
    [InlineData(0f, 5f, 10f, 5f)]
    [InlineData(0f, 0f, 0f, 0f)]
    [InlineData(-2f, 5f, 10f, 5f)]
    [InlineData(-2f, -3f, 10f, 5f)]
    [InlineData(float.NaN, 5f, 10f, 5f)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity, 1f, 1f)]
    public void Compute_OnOrOutsideEdgeOrDegenerate_IsZeroNeverNaN(float l, float t, float r, float b)
        => Assert.Equal(0f, Centerness.Compute(l, t, r, b));

    [Fact]
    public void Compute_SwappingOppositeSides_DoesNotChangeResult()
    {
        float c = Centerness.Compute(3f, 5f, 9f, 2f);

        Assert.Equal(c, Centerness.Compute(9f, 5f, 3f, 2f));
        Assert.Equal(c, Centerness.Compute(3f, 2f, 9f, 5f));
        Assert.InRange(c, 0f, 1f);
    }

    [Fact]
    public void Compute_Span_MatchesScalarPerRow()
    {
        float[] rows = [1f, 2f, 3f, 4f, 0f, 1f, 1f, 1f, 5f, 5f, 5f, 5f];
        var result = new float[3];

        Centerness.Compute(rows, result);

        Assert.Equal([Centerness.Compute(1f, 2f, 3f, 4f), 0f, 1f], result);
    }

    [Fact]
    public void Compute_SpanBadLengths_ThrowNamingTheParameter()
    {
        Assert.Equal("distances", Assert.Throws<ArgumentException>(() => Centerness.Compute(new float[5], new float[2])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => Centerness.Compute(new float[8], new float[1])).ParamName);
    }
}
