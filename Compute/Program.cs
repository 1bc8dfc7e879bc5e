using LocalityLab.Compute.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddLocalityLabSettings();
builder.Services.AddLocalityLabCompute(builder.Configuration);
using var host = builder.Build();
var info = host.Services.GetRequiredService<TorchRuntime>().Info;
Console.WriteLine($"device {info.Device} (asked: {info.RequestedDevice}), libtorch {info.LibTorchVersion}, TorchSharp {info.TorchSharpVersion}, {info.Threads} threads");
