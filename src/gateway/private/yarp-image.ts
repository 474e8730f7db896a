/** The YARP container image .NET Aspire runs (a preview build: pin a digest, or build your own). */
export const YARP_IMAGE = 'mcr.microsoft.com/dotnet/nightly/yarp:2-preview';
/** The port the YARP container image listens on (`ASPNETCORE_URLS=http://+:5000`). */
export const YARP_IMAGE_PORT = 5000;
