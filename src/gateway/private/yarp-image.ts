import { imageRepository } from '../../core/image-ref';

/** The YARP container image .NET Aspire runs (a preview build: pin a digest, or build your own). */
export const YARP_IMAGE = 'mcr.microsoft.com/dotnet/nightly/yarp:2-preview';
/**
 * Whether an image is the YARP container image (any tag or digest). Its program maps the proxy and
 * nothing else: no request timeouts middleware, so it refuses every request of a route that sets
 * a `Timeout`.
 */
export function isYarpContainerImage(image: string): boolean {
  return ['mcr.microsoft.com/dotnet/nightly/yarp', 'mcr.microsoft.com/dotnet/yarp'].includes(imageRepository(image));
}

/** The port the YARP container image listens on (`ASPNETCORE_URLS=http://+:5000`). */
export const YARP_IMAGE_PORT = 5000;
