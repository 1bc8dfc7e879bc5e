namespace LocalityLab.Compute.Tests.Export;

/// <summary>An .npy file as read by <see cref="NpyFileReader"/>: its header, parsed, and its raw data bytes.</summary>
internal sealed record ParsedNpy(byte Major, byte Minor, string Header, int DataOffset, string Descr, bool FortranOrder, long[] Shape, byte[] Data);
