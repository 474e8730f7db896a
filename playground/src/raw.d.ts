// Files the bundle carries as text (the examples): `raw:` imports, loaded by playground/build.ts.
declare module 'raw:*' {
  const text: string;
  export default text;
}
