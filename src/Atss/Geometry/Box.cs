using System.Runtime.InteropServices;

namespace Atss;

/// <summary>
/// An axis-aligned box in pixel coordinates, stored as <c>[x1, y1, x2, y2]</c> float32
/// (the layout of a contiguous <c>[N, 4]</c> tensor row, so a span of floats can be reinterpreted as boxes).
/// </summary>
/// <remarks>Centre = ((x1 + x2) / 2, (y1 + y2) / 2) in float32, exactly as the reference implementations compute it.</remarks>
/// <param name="X1">Left edge.</param>
/// <param name="Y1">Top edge.</param>
/// <param name="X2">Right edge.</param>
/// <param name="Y2">Bottom edge.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Box(float X1, float Y1, float X2, float Y2)
{
    /// <summary>Horizontal centre, <c>(X1 + X2) / 2</c> in float32.</summary>
    public float CenterX => (X1 + X2) / 2f;

    /// <summary>Vertical centre, <c>(Y1 + Y2) / 2</c> in float32.</summary>
    public float CenterY => (Y1 + Y2) / 2f;

    /// <summary>Width <c>X2 - X1</c> (continuous convention).</summary>
    public float Width => X2 - X1;

    /// <summary>Height <c>Y2 - Y1</c> (continuous convention).</summary>
    public float Height => Y2 - Y1;

    /// <summary>Whether all four coordinates are finite (not NaN, not infinite).</summary>
    public bool IsFinite => float.IsFinite(X1) && float.IsFinite(Y1) && float.IsFinite(X2) && float.IsFinite(Y2);

    /// <summary>Whether <c>X2 &gt;= X1</c> and <c>Y2 &gt;= Y1</c> (zero width or height is allowed).</summary>
    public bool IsOrdered => X2 >= X1 && Y2 >= Y1;

    /// <summary>Creates a box from its centre and size.</summary>
    /// <param name="centerX">Horizontal centre.</param>
    /// <param name="centerY">Vertical centre.</param>
    /// <param name="width">Width.</param>
    /// <param name="height">Height.</param>
    /// <returns>The box <c>[cx - w/2, cy - h/2, cx + w/2, cy + h/2]</c>.</returns>
    public static Box FromCenter(float centerX, float centerY, float width, float height)
        => new(centerX - (0.5f * width), centerY - (0.5f * height), centerX + (0.5f * width), centerY + (0.5f * height));
}
