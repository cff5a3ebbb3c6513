import { useTranslation } from 'react-i18next';
import { LiveTextInput } from '../../../lib/live';
import { ADVOCACY_METHODS } from '../../../lib/live/agendaDoc';
import { useAgendaPart, useAgendaView } from './agendaContext';
import { ReadText } from './RowSection';

export function MethodsSection() {
  const { t } = useTranslation();
  const { model, readOnly } = useAgendaView();
  const methods = useAgendaPart((snapshot) => snapshot.methods);
  const note = useAgendaPart((snapshot) => snapshot.methodsNote);

  if (readOnly) {
    const chosen = ADVOCACY_METHODS.filter((method) => methods[method]);
    return (
      <>
        {chosen.length ? (
          <ul className="adv-methods-chosen">
            {chosen.map((method) => (
              <li key={method}>{t(`advocacyAgenda.method.${method}`)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('advocacyAgenda.noMethods')}</p>
        )}
        <h3 className="adv-subheading">{t('advocacyAgenda.fields.methodsNote')}</h3>
        <p>
          <ReadText value={note} />
        </p>
      </>
    );
  }

  return (
    <>
      <fieldset className="choice-group adv-methods">
        <legend>{t('advocacyAgenda.methodsLegend')}</legend>
        <div className="adv-methods-grid">
          {ADVOCACY_METHODS.map((method) => (
            <div key={method} className="adv-method">
              <label className="choice">
                <input
                  type="checkbox"
                  checked={methods[method]}
                  aria-describedby={`method-hint-${method}`}
                  onChange={(event) => model.setMethod(method, event.target.checked)}
                />
                {t(`advocacyAgenda.method.${method}`)}
              </label>
              <p id={`method-hint-${method}`} className="adv-method-hint">
                {t(`advocacyAgenda.methodHint.${method}`)}
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      <LiveTextInput
        text={model.methodsNote}
        label={t('advocacyAgenda.fields.methodsNote')}
        placeholder={t('advocacyAgenda.methodsNotePlaceholder')}
        multiline
        readOnly={false}
        showLabel
      />
    </>
  );
}
