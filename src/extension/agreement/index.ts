import * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { AgreementReportPanel } from './agreementReport';
import { BlindCoding } from './blindCoding';

export interface AgreementFeature extends vscode.Disposable {
  /** The lens every view reads the store through (Show Only My Tags). */
  readonly blind: BlindCoding;
  readonly report: AgreementReportPanel;
}

/**
 * Two analysts, one corpus (issue 14): blind coding and the Agreement Report. (Adjudication —
 * Compare With Annotation Set… — registers itself apart; the report opens it by its command id.)
 */
export function register(context: vscode.ExtensionContext, store: TagStore, storage: SidecarStorage): AgreementFeature {
  const blind = new BlindCoding(store);
  const report = new AgreementReportPanel(store, storage, context.extensionUri);
  const feature: AgreementFeature = { blind, report, dispose: () => [report, blind].forEach((d) => d.dispose()) };
  context.subscriptions.push(feature);
  return feature;
}
