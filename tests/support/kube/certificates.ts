import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** The files a local control plane needs: a CA, the API server's serving pair, an admin client pair and the service-account keys. */
export interface ClusterCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** Signs a new key's certificate with the CA, with the given subject and extensions. */
function signed(dir: string, name: string, subject: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.csr`,
    "-subj",
    subject,
  ]);
  openssl(dir, [
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "2",
    "-sha256",
    "-extfile",
    `${name}.ext`,
    "-out",
    `${name}.crt`,
  ]);
}

/**
 * Generates throwaway certificates with openssl into dir: valid for two days, for 127.0.0.1
 * only; the admin is in system:masters.
 */
export function generateCertificates(dir: string): ClusterCertificates {
  openssl(dir, [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    "/CN=skyport-kube-tier-ca",
  ]);
  signed(
    dir,
    "apiserver",
    "/CN=kube-apiserver",
    "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n",
  );
  signed(
    dir,
    "admin",
    "/O=system:masters/CN=skyport-admin",
    "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n",
  );
  openssl(dir, ["genrsa", "-out", "service-account.key", "2048"]);
  openssl(dir, ["rsa", "-in", "service-account.key", "-pubout", "-out", "service-account.pub"]);
  const at = (file: string) => join(dir, file);
  return {
    caCert: at("ca.crt"),
    serverCert: at("apiserver.crt"),
    serverKey: at("apiserver.key"),
    adminCert: at("admin.crt"),
    adminKey: at("admin.key"),
    serviceAccountKey: at("service-account.key"),
    serviceAccountPub: at("service-account.pub"),
  };
}
