// Verify one credential with Digital Bazaar's reference stack, as wallets do, without any network.
//
// Usage: node verify.mjs FIXTURE.json
// FIXTURE.json = {"credential": {...}, "documents": {"<url>": <document>, ...}}
// The document loader serves only the documents listed in the fixture (contexts, issuer profile,
// keys, status list credentials); any other URL fails. Prints {verified, errors, revoked} as JSON.
import {readFileSync} from 'node:fs';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const fixture = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const documents = new Map(Object.entries(fixture.documents));

async function documentLoader(url) {
  // A key id is the issuer profile's URL plus a fragment; serve the key document when listed.
  const document = documents.get(url);
  if(document === undefined) {
    throw new Error(`Document not in the fixture (no network): ${url}`);
  }
  return {contextUrl: null, documentUrl: url, document: structuredClone(document)};
}

function messages(error) {
  const found = [];
  for(let current = error; current; current = current.cause) {
    found.push(current.message || String(current));
    if(current.details && current.details.event) {
      found.push(`${current.details.event.code}: ${current.details.event.message}`);
    }
  }
  return found;
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const result = await vc.verifyCredential({
  credential: fixture.credential,
  suite,
  documentLoader,
  checkStatus,
});

const errors = [];
if(result.error) {
  const list = Array.isArray(result.error.errors) ? result.error.errors : [result.error];
  for(const error of list) {
    errors.push(...messages(error));
  }
}
for(const item of result.statusResult?.results || []) {
  if(item.error) {
    errors.push(...messages(item.error));
  }
}
if(result.statusResult?.error) {
  errors.push(...messages(result.statusResult.error));
}
const statuses = (result.statusResult?.results || []).map(item => item.status);
process.stdout.write(JSON.stringify({
  verified: result.verified === true,
  errors,
  revoked: statuses.length ? statuses.some(status => status === true) : null,
}) + '\n');
