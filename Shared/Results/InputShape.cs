namespace LocalityLab.Shared.Results;

/// <summary>How the D inputs are laid out: a ring is 1 x D, a torus or an image Height x Width. Both axes are periodic.</summary>
public sealed record InputShape(int Height, int Width)
{
    public int Inputs => Height * Width;

    public static InputShape Ring(int pixels) => new(1, pixels);

    public static InputShape Square(int side) => new(side, side);
}
